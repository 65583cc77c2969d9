/**
 * Turtle and RDF/XML for the DCAT catalogue, written from the same JSON-LD node objects the JSON-LD
 * answer serializes, one node at a time, so the catalogue stays streamed in every format.
 *
 * The node objects are a small, compact subset of JSON-LD: keys are prefixed names of `prefixes`
 * (or `@id`, `@type`), a value is a string (an xsd:string literal), `{ "@value", "@language" }` or
 * `{ "@value", "@type" }` (a literal), `{ "@id" }` alone (an IRI), another node object (a nested node;
 * a blank node without `@id`), or an array of those. A nested node with an `@id` is written as its own
 * description after the one that refers to it (Turtle) or in place (RDF/XML): the triples are the same.
 */
export type Literal = { "@value": string; "@language"?: string; "@type"?: string };
export type Ref = { "@id": string };
export type RdfNode = { "@id"?: string; "@type"?: string | string[] } & { [property: string]: RdfValue | RdfValue[] | undefined };
export type RdfValue = string | Literal | Ref | RdfNode;

export type Prefixes = Record<string, string>;

const isLiteral = (value: RdfValue): value is Literal => typeof value === "object" && "@value" in value;
const isRef = (value: RdfValue): value is Ref => typeof value === "object" && Object.keys(value).length === 1 && "@id" in value;

function expand(prefixes: Prefixes, name: string): string {
  const colon = name.indexOf(":");
  const base = colon > 0 ? prefixes[name.slice(0, colon)] : undefined;
  if (base === undefined) throw new Error(`unknown prefix in ${name}`);
  return base + name.slice(colon + 1);
}

const typesOf = (node: RdfNode): string[] => (node["@type"] === undefined ? [] : ([] as string[]).concat(node["@type"]));
const propertiesOf = (node: RdfNode): [string, RdfValue[]][] =>
  Object.entries(node).flatMap(([key, value]) =>
    key.startsWith("@") || value === undefined ? [] : [[key, ([] as RdfValue[]).concat(value as RdfValue | RdfValue[])]],
  );

// ---------------------------------------------------------------- Turtle (RDF 1.1 Turtle)

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, "0");
const uchar = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
};

/** An IRIREF: characters Turtle forbids there (controls, space, <>"{}|^`\) as \u escapes. */
export const turtleIri = (iri: string) => `<${iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, uchar)}>`;

const turtleString = (text: string) =>
  `"${text.replace(/[\\"\n\r\t\u0000-\u001f\u007f]/g, (ch) =>
    ch === "\\" ? "\\\\" : ch === '"' ? '\\"' : ch === "\n" ? "\\n" : ch === "\r" ? "\\r" : ch === "\t" ? "\\t" : uchar(ch),
  )}"`;

export function turtlePrefixes(prefixes: Prefixes): string {
  return Object.entries(prefixes)
    .map(([prefix, iri]) => `@prefix ${prefix}: ${turtleIri(iri)} .\n`)
    .join("");
}

/** One node's description in Turtle, then those of the named nodes nested in it. */
export function turtleNode(node: RdfNode, prefixes: Prefixes): string {
  const later: RdfNode[] = [];
  const object = (value: RdfValue, indent: string): string => {
    if (typeof value === "string") return turtleString(value);
    if (isLiteral(value)) {
      const text = turtleString(value["@value"]);
      if (value["@language"]) return `${text}@${value["@language"]}`;
      return value["@type"] ? `${text}^^${turtleIri(expand(prefixes, value["@type"]))}` : text;
    }
    if (isRef(value)) return turtleIri(value["@id"]);
    if (value["@id"] !== undefined) {
      later.push(value);
      return turtleIri(value["@id"]);
    }
    return `[\n${body(value, `${indent}  `)}\n${indent}]`;
  };
  const body = (n: RdfNode, indent: string): string => {
    const lines: string[] = [];
    const types = typesOf(n);
    if (types.length > 0) lines.push(`${indent}a ${types.map((t) => turtleIri(expand(prefixes, t))).join(", ")}`);
    for (const [property, values] of propertiesOf(n)) {
      if (values.length === 0) continue;
      lines.push(`${indent}${turtleIri(expand(prefixes, property))} ${values.map((v) => object(v, indent)).join(", ")}`);
    }
    return lines.join(" ;\n");
  };
  const subject = node["@id"] === undefined ? "[]" : turtleIri(node["@id"]);
  let text = `${subject}\n${body(node, "  ")} .\n`;
  for (let next = later.shift(); next; next = later.shift()) text += turtleNode(next, prefixes);
  return text;
}

// ---------------------------------------------------------------- RDF/XML (RDF 1.1 XML Syntax)

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed and carriage return; lone
 * surrogates; U+FFFE, U+FFFF) become U+FFFD. Iterating by code point keeps valid surrogate pairs whole.
 */
function xmlSafe(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code > 0xffff;
    out += allowed ? ch : "\ufffd";
  }
  return out;
}

/** Text content: a carriage return is kept as a character reference (parsers would turn it into a line feed). */
const xmlText = (text: string) =>
  xmlSafe(text).replace(/[&<>\r]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&#13;"));
const xmlAttribute = (text: string) => xmlSafe(text).replace(/[&<"\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function rdfXmlOpen(prefixes: Prefixes): string {
  const namespaces = Object.entries({ rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", ...prefixes })
    .map(([prefix, iri]) => `\n  xmlns:${prefix}="${xmlAttribute(iri)}"`)
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${namespaces}>\n`;
}

export const RDF_XML_CLOSE = "</rdf:RDF>\n";

/** One node as an rdf:Description element (nested nodes in place). Property names are the prefixed names. */
export function rdfXmlNode(node: RdfNode, prefixes: Prefixes, indent = "  "): string {
  const about = node["@id"] === undefined ? "" : ` rdf:about="${xmlAttribute(node["@id"])}"`;
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const type of typesOf(node)) lines.push(`${inner}<rdf:type rdf:resource="${xmlAttribute(expand(prefixes, type))}"/>`);
  for (const [property, values] of propertiesOf(node)) {
    expand(prefixes, property); // an unknown prefix is a programming error, as in Turtle
    for (const value of values) {
      if (typeof value === "string") lines.push(`${inner}<${property}>${xmlText(value)}</${property}>`);
      else if (isLiteral(value)) {
        const attribute = value["@language"]
          ? ` xml:lang="${xmlAttribute(value["@language"])}"`
          : value["@type"]
            ? ` rdf:datatype="${xmlAttribute(expand(prefixes, value["@type"]))}"`
            : "";
        lines.push(`${inner}<${property}${attribute}>${xmlText(value["@value"])}</${property}>`);
      } else if (isRef(value)) lines.push(`${inner}<${property} rdf:resource="${xmlAttribute(value["@id"])}"/>`);
      else lines.push(`${inner}<${property}>\n${rdfXmlNode(value, prefixes, `${inner}  `)}${inner}</${property}>`);
    }
  }
  return `${indent}<rdf:Description${about}>\n${lines.map((line) => `${line}\n`).join("")}${indent}</rdf:Description>\n`;
}
