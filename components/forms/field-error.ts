/** DSFR input state props for a field error (ids link the message to the input for screen readers). */
export function fieldState(message: string | undefined) {
  return message ? ({ state: "error", stateRelatedMessage: message } as const) : ({ state: "default" } as const);
}
