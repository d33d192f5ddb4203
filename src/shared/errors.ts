/**
 * Errors as data at every edge (IPC, HTTP, validation): a stable machine code, the field it concerns
 * when there is one, and a message written for a court clerk rather than a developer.
 */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** A base class for errors that carry a stable code the UI can explain. */
export class CodedError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
  }

  toProblem(): Problem {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** Exhaustiveness helper for switch statements over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
