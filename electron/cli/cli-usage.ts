import { Command, type Argument, type ErrorOptions, type Option } from 'commander';
import type { KeyedText } from '../common/ipc/error-messages';
import { errorText } from '../common/ipc/result';
import { cliLocale, say } from './cli-locale';

/**
 * Commander's methods that refuse a command line. They are not in its typings, but they are where
 * the offending token is still known: the CommanderError they end in carries only a code and an
 * English sentence, and reading the token back out of that sentence would break on its next rewording.
 */
interface CommanderRefusals {
  unknownOption(flag: string): void;
  unknownCommand(): void;
  missingArgument(name: string): void;
  optionMissingArgument(option: Option): void;
  missingMandatoryOptionValue(option: Option): void;
  _excessArguments(receivedArgs: string[]): void;
  _callParseArg(target: Option | Argument, value: string, previous: unknown, invalidArgumentMessage: string): unknown;
}

const base = Command.prototype as unknown as CommanderRefusals;

/**
 * The `motcua` command whose usage errors (unknown option or command, missing value, too many
 * arguments, a value outside its choices) read in MOTCUA_LANG's language. Each refusal is keyed with
 * its token before commander's own check runs; commander then prints and throws as it always did
 * (same code, same exit), only with the keyed line in place of its English one.
 */
export class WordedCommand extends Command {
  #said: KeyedText[] | null = null;

  override createCommand(name?: string): Command {
    return new WordedCommand(name);
  }

  override error(message: string, options?: ErrorOptions): never {
    const said = this.#said;
    this.#said = null;
    return super.error(said ? usageLine(said) : message, options);
  }

  unknownOption(flag: string): void {
    // "--pin=1234" mistyped must not echo its value back onto the screen or a captured log.
    const option = flag.split('=')[0]!;
    const candidates = this.#ancestry().flatMap((c) => c.createHelp().visibleOptions(c).flatMap((o) => (o.long ? [o.long] : [])));
    // "--json=1": the option exists but takes no value; commander calls that unknown too.
    if (option !== flag && candidates.includes(option)) return this.#saying([{ key: 'cli.usage.optionNoValue', params: { option } }], () => base.unknownOption.call(this, flag));
    const suggestion = option.startsWith('--') ? similar(option.slice(2), candidates.map((c) => c.slice(2))).map((c) => `--${c}`) : [];
    this.#saying([{ key: 'cli.usage.unknownOption', params: { option } }, ...didYouMean(suggestion)], () => base.unknownOption.call(this, flag));
  }

  unknownCommand(): void {
    const command = this.args[0] ?? '';
    const candidates = this.createHelp().visibleCommands(this).flatMap((c) => [c.name(), ...c.aliases()]);
    this.#saying([{ key: 'cli.usage.unknownCommand', params: { command, parent: this.#path() } }, ...didYouMean(similar(command, candidates))], () => base.unknownCommand.call(this));
  }

  missingArgument(name: string): void {
    this.#saying([{ key: 'cli.usage.missingArgument', params: { argument: name, command: this.#path() } }], () => base.missingArgument.call(this, name));
  }

  optionMissingArgument(option: Option): void {
    this.#saying([{ key: 'cli.usage.optionMissingValue', params: { option: option.flags } }], () => base.optionMissingArgument.call(this, option));
  }

  missingMandatoryOptionValue(option: Option): void {
    this.#saying([{ key: 'cli.usage.requiredOption', params: { option: option.flags, command: this.#path() } }], () => base.missingMandatoryOptionValue.call(this, option));
  }

  _excessArguments(receivedArgs: string[]): void {
    // Counted, not echoed: an extra argument may be a value typed in the wrong place (a PIN, an ID number).
    const expected = this.registeredArguments.length;
    const said: KeyedText = expected
      ? { key: 'cli.usage.tooManyArguments', params: { command: this.#path(), expected, received: receivedArgs.length } }
      : { key: 'cli.usage.noArguments', params: { command: this.#path(), received: receivedArgs.length } };
    this.#saying([said], () => base._excessArguments.call(this, receivedArgs));
  }

  _callParseArg(target: Option | Argument, value: string, previous: unknown, invalidArgumentMessage: string): unknown {
    const choices = target.argChoices?.join(', ');
    const isOption = 'flags' in target;
    const said: KeyedText = isOption
      ? choices
        ? { key: 'cli.usage.optionChoice', params: { option: target.flags, value, choices } }
        : { key: 'cli.usage.optionInvalid', params: { option: target.flags, value } }
      : choices
        ? { key: 'cli.usage.argumentChoice', params: { argument: target.name(), value, choices } }
        : { key: 'cli.usage.argumentInvalid', params: { argument: target.name(), value } };
    return this.#saying([said], () => base._callParseArg.call(this, target, value, previous, invalidArgumentMessage));
  }

  /** Runs commander's own check with its refusal keyed; the key is dropped when the check lets the line through. */
  #saying<T>(said: KeyedText[], check: () => T): T {
    this.#said = said;
    try {
      return check();
    } finally {
      this.#said = null;
    }
  }

  #ancestry(): Command[] {
    const chain: Command[] = [this];
    while (chain.at(-1)!.parent) chain.push(chain.at(-1)!.parent!);
    return chain;
  }

  /** "motcua officer deactivate": the command as typed, which the error names. */
  #path(): string {
    return this.#ancestry()
      .reverse()
      .map((c) => c.name())
      .join(' ');
  }
}

function usageLine(said: readonly KeyedText[]): string {
  const locale = cliLocale();
  const text = said.map((s) => errorText({ message: '', ...s }, locale)).join('\n');
  return `${say('Lỗi', 'Error')}: ${text}`;
}

function didYouMean(similarNames: readonly string[]): KeyedText[] {
  return similarNames.length ? [{ key: 'cli.usage.didYouMean', params: { names: similarNames.join(', ') } }] : [];
}

/** The closest names at the same edit distance (at most 3, and closer than 40 % of the longer), as commander suggests them. */
function similar(word: string, candidates: readonly string[]): string[] {
  let best = 3;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate.length <= 1) continue;
    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    if ((length - distance) / length <= 0.4) continue;
    if (distance < best) {
      best = distance;
      found = [candidate];
    } else if (distance === best) found.push(candidate);
  }
  return found.sort((a, b) => a.localeCompare(b));
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters is one edit. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
