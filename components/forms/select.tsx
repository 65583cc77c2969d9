"use client";
/**
 * The DSFR select (react-dsfr's Select) with valid markup: react-dsfr writes `aria-describedby=""`
 * on the select when it has no state message, which HTML forbids (an IDREFS needs an id). This one
 * always points it at the field's own messages group (the live region where the state message
 * appears), so the attribute names an element that exists. Same props as react-dsfr's Select.
 */
import { useId, type ComponentProps } from "react";
import { Select as DsfrSelect } from "@codegouvfr/react-dsfr/Select";

export type SelectProps = ComponentProps<typeof DsfrSelect>;

export function Select(props: SelectProps) {
  const generated = useId();
  const native = props.nativeSelectProps ?? {};
  const id = native.id ?? `select-${generated.replace(/[^A-Za-z0-9_-]/g, "")}`;
  return (
    <DsfrSelect
      {...props}
      nativeSelectProps={{ ...native, id, "aria-describedby": native["aria-describedby"] ?? `${id}-messages-group` }}
    />
  );
}
