/** Structured JSON logs (pino). Request-scoped children carry the request id. */
import pino from "pino";
import { logSettings } from "@/lib/core/config";

const settings = logSettings();

export const logger = pino({
  level: settings.level,
  base: { service: settings.process },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "token",
      "*.token",
      "password",
      "*.password",
      "sessionToken",
      "*.sessionToken",
      "headers.cookie",
      "headers.authorization",
    ],
    remove: true,
  },
});
