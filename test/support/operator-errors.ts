import { expect } from 'vitest';
import { OperatorError } from '../../src-main/operator-error';

/** Runs `act` and returns the OperatorError it threw; fails the test if it threw none. */
export function catchOperatorError(act: () => unknown): OperatorError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(OperatorError);
    return error as OperatorError;
  }
  throw new Error('expected an OperatorError, nothing was thrown');
}
