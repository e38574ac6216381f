/** "1 token", "2 tokens": English counts agree with their noun (Vietnamese nouns do not change). */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
