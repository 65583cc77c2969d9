"use client";
/**
 * A button that opens a form in place (report, contest a hiding, moderate): the ids that tie the
 * button to its panel, and closing (Cancel, Escape) that gives the focus back to the button.
 */
import { useId, useState, type KeyboardEvent } from "react";

export function useDisclosure() {
  const panelId = useId();
  const triggerId = `${panelId}-trigger`;
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    document.getElementById(triggerId)?.focus();
  };
  /** For the panel's form: Escape closes it. */
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };
  return { open, setOpen, close, closeOnEscape, panelId, triggerId };
}
