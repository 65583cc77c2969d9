import type { ReactNode } from "react";

/** Plain text with its http(s) links made clickable, without ever inserting raw HTML. */
export function renderLinks(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
