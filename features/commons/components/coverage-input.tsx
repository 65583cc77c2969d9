"use client";
/**
 * The three ways to give a coverage: draw it on the map, upload a GeoJSON file, or pick a French
 * region or department. All three set the same value; the server validates it (validateCoverage).
 */
import { useId, useState } from "react";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Coverage } from "@/lib/commons/geometry";
import { departments, findTerritory, regions } from "@/lib/commons/regions";
import { PolygonDraw } from "@/components/map/polygon-draw";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { MAX_FILE_BYTES, coverageFromGeoJson, vertexCount } from "@/features/commons/components/geojson-file";

export function CoverageInput({
  value,
  onChange,
  styleUrl,
  error,
}: {
  value: Coverage | null;
  onChange: (value: Coverage | null) => void;
  styleUrl: string | null;
  /** Translated error from the schema or the server. */
  error?: string;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const hintId = useId();
  const errorId = useId();
  const [fileError, setFileError] = useState<string>();
  const [territory, setTerritory] = useState("");

  const readFile = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(tr("commons.errors.geojsonTooLarge"));
      return;
    }
    const result = coverageFromGeoJson(await file.text());
    if (!result.ok) {
      setFileError(tr(result.error));
      return;
    }
    setTerritory("");
    onChange(result.coverage);
  };

  return (
    <fieldset className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`} aria-describedby={error ? errorId : hintId}>
      <legend className="fr-fieldset__legend">
        {t("commons.form.coverage")}
        <span className="fr-hint-text" id={hintId}>
          {t("commons.form.coverageHint")}
        </span>
      </legend>
      <div className="fr-fieldset__element">
        <p className="fr-text--bold fr-mb-1w">{t("commons.form.coverageDraw")}</p>
        <PolygonDraw
          value={value}
          onChange={(next) => {
            setTerritory("");
            onChange(next);
          }}
          styleUrl={styleUrl}
          label={t("commons.form.coverageMapLabel")}
          describedBy={hintId}
        />
      </div>
      <div className="fr-fieldset__element">
        <Upload
          label={t("commons.form.coverageUpload")}
          hint={t("commons.form.coverageUploadHint")}
          state={fileError ? "error" : "default"}
          stateRelatedMessage={fileError}
          nativeInputProps={{
            accept: ".geojson,.json,application/geo+json,application/json",
            onChange: (event) => void readFile(event.currentTarget.files?.[0]),
          }}
        />
      </div>
      <div className="fr-fieldset__element">
        <Select
          label={t("commons.form.coveragePickLabel")}
          nativeSelectProps={{
            value: territory,
            onChange: (event) => {
              const code = event.currentTarget.value;
              setTerritory(code);
              const found = findTerritory(code);
              if (found) onChange(found.coverage);
            },
          }}
        >
          <option value="">{t("commons.form.coveragePickNone")}</option>
          <optgroup label={t("commons.form.coverageRegions")}>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("commons.form.coverageDepartments")}>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name} ({d.code.slice(1)})
              </option>
            ))}
          </optgroup>
        </Select>
      </div>
      <div className="fr-fieldset__element">
        <p className="fr-text--sm fr-mb-1w" aria-live="polite" data-testid="coverage-summary">
          {value ? t("commons.form.coverageSet", { vertices: vertexCount(value) }) : t("commons.form.coverageNone")}
        </p>
        {value && (
          <Button
            type="button"
            priority="tertiary"
            size="small"
            onClick={() => {
              setTerritory("");
              onChange(null);
            }}
          >
            {t("commons.form.coverageClear")}
          </Button>
        )}
      </div>
      {error && (
        <div className="fr-messages-group" id={errorId} aria-live="assertive">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}
