"use client";
/**
 * The three ways to give a coverage: draw it on the map, upload a GeoJSON file, or search and pick a
 * French region or department (TerritoryPicker). All three set the same value; the server validates
 * it (validateCoverage) and stores it with RFC 7946 winding, however it was drawn.
 */
import { useId, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Coverage } from "@/lib/commons/geometry";
import { PolygonDraw } from "@/components/map/polygon-draw";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { MAX_FILE_BYTES, coverageFromGeoJson, vertexCount } from "@/features/commons/components/geojson-file";
import { TerritoryPicker } from "@/features/commons/components/territory-picker";

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
  const uploadId = useId();
  const [fileError, setFileError] = useState<string>();
  // A new key empties the territory search once the coverage comes from elsewhere.
  const [pickerKey, setPickerKey] = useState(0);
  const forgetTerritory = () => setPickerKey((key) => key + 1);

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
    forgetTerritory();
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
            forgetTerritory();
            onChange(next);
          }}
          styleUrl={styleUrl}
          label={t("commons.form.coverageMapLabel")}
          describedBy={hintId}
        />
      </div>
      <div className="fr-fieldset__element">
        {/* DSFR's upload markup, written out: react-dsfr's Upload puts aria-disabled on the label, which HTML forbids. */}
        <div className={`fr-upload-group${fileError ? " fr-upload-group--error" : ""}`}>
          <label className="fr-label" htmlFor={uploadId}>
            {t("commons.form.coverageUpload")}
            <span className="fr-hint-text">{t("commons.form.coverageUploadHint")}</span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id={uploadId}
            accept=".geojson,.json,application/geo+json,application/json"
            aria-describedby={`${uploadId}-messages`}
            onChange={(event) => void readFile(event.currentTarget.files?.[0])}
          />
          <div className="fr-messages-group" id={`${uploadId}-messages`} aria-live="polite">
            {fileError && <p className="fr-message fr-message--error">{fileError}</p>}
          </div>
        </div>
      </div>
      <div className="fr-fieldset__element">
        <TerritoryPicker key={pickerKey} onPick={(coverage) => onChange(coverage)} />
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
              forgetTerritory();
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
