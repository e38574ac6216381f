/**
 * A stored file read by position and checked against its name as it goes, as `ContentStore.openVerified`
 * gives it. What an uploader's reader by position keeps beside its reads (VerifiedReader on this thread,
 * ThreadReader on the unseal thread): the read under way, which `close` must wait for (an upload
 * that stops on a network failure leaves its read-ahead running; closed under it, that read would
 * fail on the closed handle and a sound file would be called corrupt), and the failure that sticks
 * once the content is known to be bad (every read after it throws it again). Which errors stick
 * is the reader's to say (`fail`).
 */
export abstract class CheckedReader {
  #failure: Error | null = null;
  #reading: Promise<unknown> = Promise.resolve();

  abstract readonly size: number;

  /** A buffer this reader fills without a copy, if it has one (chunk-source.ts's PositionalReader). */
  allocate?(size: number): Buffer;

  /** Closes the file once the read under way has ended (`settled`). */
  abstract close(): Promise<void>;

  /** Why the content cannot be sent (a chunk that does not open, a whole that does not match, a read error), once known. */
  get failure(): Error | null {
    return this.#failure;
  }

  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    const p = this.#failure ? Promise.reject(this.#failure) : this.readChecked(buffer, offset, length, position);
    this.#reading = p.catch(() => undefined);
    return p;
  }

  /** One read; its errors are the caller's to see, and only those passed to `fail` stick. */
  protected abstract readChecked(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;

  /** `e` sticks: the content cannot be sent. Returns it, to be thrown. */
  protected fail(e: Error): Error {
    this.#failure = e;
    return e;
  }

  /** Once the read under way, if any, has ended (however it ended). */
  protected settled(): Promise<unknown> {
    return this.#reading;
  }
}
