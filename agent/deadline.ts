/** Deadlines for calls whose own timeouts cannot be trusted to fire (SDK body reads, credential chains). */

/** Rejects with a TimeoutError after `ms`; the work itself is left to finish or fail on its own. */
export function withDeadline<T>(work: Promise<T>, ms: number, what?: string): Promise<T> {
  // The losing promise may still reject later; that must not become an unhandled rejection.
  work.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what ? `${what}: ` : ''}no answer within ${ms}ms`);
      error.name = 'TimeoutError';
      reject(error);
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A signal that aborts with `parent` or after `ms`, whichever comes first. */
export function deadlineSignal(parent: AbortSignal, ms: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    const error = new Error(`no answer within ${ms}ms`);
    error.name = 'TimeoutError';
    controller.abort(error);
  }, ms);
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
