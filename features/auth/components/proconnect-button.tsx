"use client";
import { ProConnectButton as DsfrProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";

/**
 * react-dsfr's ProConnect button, used inside a <form> posting to the sign-in server action: with an
 * onClick it renders a <button> (type submit by default), so the click submits the form.
 */
export function ProConnectButton() {
  return <DsfrProConnectButton onClick={() => undefined} />;
}
