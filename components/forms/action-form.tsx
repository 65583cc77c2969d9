"use client";
/**
 * A form whose action is a server action, rendered as valid HTML. React writes such a form as
 * `<form action="">` (submitted before hydration, it posts to the page itself with the action's id in a
 * hidden field), and the HTML standard wants a non-empty URL there. React lets the action say the URL
 * to post to (the `action` its form encoding returns, as useActionState's permalink does): this form
 * gives the page's own path, so the markup is valid and the form behaves exactly as before, with or
 * without JavaScript. Any other action is passed through unchanged.
 */
import { useMemo, type ComponentProps } from "react";
import { usePathname } from "next/navigation";

type FormAction = (formData: FormData) => void | Promise<void>;
type FormEncoding = (prefix: string) => Record<string, unknown>;

/** The action, posting to `permalink` when its form is submitted before hydration. */
export function withPermalink<A extends FormAction>(action: A, permalink: string): A {
  const encode = (action as unknown as { $$FORM_ACTION?: FormEncoding }).$$FORM_ACTION;
  if (typeof encode !== "function") return action;
  const wrapped = ((formData: FormData) => action(formData)) as A;
  Object.defineProperty(wrapped, "$$FORM_ACTION", {
    value: (prefix: string) => ({ ...encode.call(action, prefix), action: permalink }),
  });
  return wrapped;
}

export function ActionForm({
  action,
  permalink,
  ...props
}: Omit<ComponentProps<"form">, "action"> & {
  action: FormAction;
  /** Where a submission before hydration goes; the current path by default. */
  permalink?: string;
}) {
  const pathname = usePathname();
  const target = permalink ?? pathname ?? "/";
  const bound = useMemo(() => withPermalink(action, target), [action, target]);
  return <form action={bound} {...props} />;
}
