import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/core/markdown";

describe("markdown rendering", () => {
  it("renders formatting", () => {
    expect(renderMarkdown("**gras** et [lien](https://example.org)")).toContain("<strong>gras</strong>");
  });
  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
  ])("never lets code through: %s", (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
  });
});
