import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

/**
 * The layers, outermost first (README, "Architecture"). A file belongs to the first element whose
 * pattern matches. tests/unit/architecture.test.ts adds what lint cannot say: no import cycle between
 * folders of lib/.
 */
const layers = [
  { type: "app", pattern: "app/**", partialMatch: false },
  { type: "features", pattern: "features/**", partialMatch: false },
  { type: "components", pattern: "components/**", partialMatch: false },
  {
    type: "adapters",
    pattern: ["lib/api/**", "lib/web/**", "lib/opendata/**", "lib/jobs/**", "lib/demo/**"],
    partialMatch: false,
  },
  {
    type: "core",
    pattern: ["lib/core/**", "lib/db/**", "lib/i18n/**", "lib/generated/**"],
    partialMatch: false,
  },
  { type: "domain", pattern: "lib/**", partialMatch: false },
];
const may = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } });

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".data/**",
      "lib/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // app/ → features → components → adapters (API, web glue, jobs, demo) → domain use cases → core.
    files: ["app/**", "features/**", "components/**", "lib/**"],
    plugins: { boundaries },
    settings: {
      "boundaries/elements": layers,
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: [
            may("app", ["app", "features", "components", "adapters", "domain", "core"]),
            may("features", ["features", "components", "adapters", "domain", "core"]),
            // Components never import from app/.
            may("components", ["components", "features", "domain", "core"]),
            may("adapters", ["adapters", "domain", "core"]),
            // Domain folders never import the API, the web glue, jobs' handlers or the demo seed.
            may("domain", ["domain", "core"]),
            may("core", ["core"]),
          ],
        },
      ],
    },
  },
  {
    // Configuration is read in one module; everything else asks it.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/core/config.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/core/config.ts" },
      ],
    },
  },
];

export default config;
