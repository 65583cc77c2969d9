"use client";
/**
 * Puts a server action's result where it belongs in a react-hook-form form: field errors at their
 * field (catalogue keys, translated with the values the server sent, e.g. weight bounds), anything
 * no field of this form owns as a form-level message.
 */
import { useState } from "react";
import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/core/forms";
import type { Values } from "@/lib/i18n/core";
import { useTranslateDynamic } from "@/components/i18n/i18n-provider";

/**
 * The form field an error belongs to: the field itself, else the closest enclosing one (an error at
 * `links.0.url` belongs to the `links` list when the form shows errors per list).
 */
function fieldOf(path: string, fields: readonly string[]): string | undefined {
  const parts = path.split(".");
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join(".");
    if (fields.includes(candidate)) return candidate;
  }
  return undefined;
}

export function useServerFeedback<T extends FieldValues>(
  setError: UseFormSetError<T>,
  { fields, rename = {} }: { fields: readonly string[]; rename?: Record<string, string> },
) {
  const tr = useTranslateDynamic();
  const [values, setValues] = useState<Values>();
  const [formError, setFormError] = useState<string>();

  /** True when the action succeeded; otherwise the errors are placed and false is returned. */
  const apply = (result: ActionResult<unknown>): boolean => {
    setFormError(undefined);
    if (result.ok) return true;
    setValues(result.values);
    let orphan: string | undefined = result.formError;
    let first = true;
    for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
      const name = fieldOf(rename[field] ?? field, fields);
      if (!name) {
        orphan ??= key;
        continue;
      }
      setError(name as FieldPath<T>, { type: "server", message: key }, { shouldFocus: first && !name.startsWith("root") });
      first = false;
    }
    if (orphan) setFormError(tr(orphan, result.values));
    return false;
  };

  return {
    apply,
    formError,
    /** Translates an error key held by react-hook-form, with the last server values. */
    message: (key: string | undefined) => tr(key, values),
    clear: () => setFormError(undefined),
  };
}
