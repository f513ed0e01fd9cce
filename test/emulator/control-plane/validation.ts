/**
 * Input constraints of an API model (length, range, pattern, enum, required), checked and reported the way
 * AWS's services report them: "N validation error(s) detected: Value 'X' at 'member' failed to satisfy
 * constraint: Member must …", every violation joined by "; ". IAM answers them as 400 ValidationError,
 * Roles Anywhere as 400 ValidationException.
 */
import { Rejection } from '../rejection';

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: string;
  enum?: readonly string[];
}

export interface IntRule {
  min?: number;
  max?: number;
}

function shown(value: unknown): string {
  return value === undefined || value === null ? 'null' : `'${String(value)}'`;
}

export class Violations {
  private readonly found: string[] = [];

  /** @param code the error code to answer with: 'ValidationError' (IAM) or 'ValidationException'. */
  constructor(private readonly code: string) {}

  add(value: unknown, at: string, constraint: string): void {
    this.found.push(
      `Value ${shown(value)} at '${at}' failed to satisfy constraint: Member must ${constraint}`,
    );
  }

  /** A single problem that is not a model constraint (a wrong type, a bad reference …). */
  fail(message: string): never {
    throw new Rejection(400, this.code, message);
  }

  required(value: unknown, at: string): boolean {
    if (value !== undefined && value !== null) return true;
    this.add(value, at, 'not be null');
    return false;
  }

  /** Check an optional string; returns it when present and a string. */
  string(value: unknown, at: string, rule: StringRule): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(`'${at}' must be a string.`);
    if (rule.min !== undefined && value.length < rule.min)
      this.add(value, at, `have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.add(value, at, `have length less than or equal to ${rule.max}`);
    if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`, 'u').test(value))
      this.add(value, at, `satisfy regular expression pattern: ${rule.pattern}`);
    if (rule.enum && !rule.enum.includes(value))
      this.add(value, at, `satisfy enum value set: [${rule.enum.join(', ')}]`);
    return value;
  }

  int(value: unknown, at: string, rule: IntRule): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(`'${at}' must be an integer.`);
    if (rule.min !== undefined && value < rule.min)
      this.add(value, at, `have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max)
      this.add(value, at, `have value less than or equal to ${rule.max}`);
    return value;
  }

  bool(value: unknown, at: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.fail(`'${at}' must be a boolean.`);
    return value;
  }

  list(value: unknown, at: string, rule: IntRule): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(`'${at}' must be a list.`);
    if (rule.min !== undefined && value.length < rule.min)
      this.add(`[${value.join(', ')}]`, at, `have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.add(`[${value.join(', ')}]`, at, `have length less than or equal to ${rule.max}`);
    return value;
  }

  /** Throw the collected violations, if any. */
  check(): void {
    const n = this.found.length;
    if (n === 0) return;
    throw new Rejection(
      400,
      this.code,
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.found.join('; ')}`,
    );
  }
}
