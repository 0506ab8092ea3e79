/**
 * Calculation problems (unknown tax category, missing exchange rate...). Raised inside the
 * calculator and turned into a `calculation` error with a fault at the pipeline boundary, so they
 * never escape the engine as exceptions.
 */
export class CalculationError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'CalculationError';
    this.path = path;
  }
}

export function isCalculationError(e: unknown): e is CalculationError {
  return e instanceof Error && e.name === 'CalculationError';
}
