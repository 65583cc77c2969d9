"use client";
/**
 * Picks a French region or department as the coverage: a search box (name or code, accents aside)
 * with its list of matches, as the WAI-ARIA combobox pattern describes. The arrow keys only move
 * through the list; the coverage changes when a territory is chosen (Enter or a click), so browsing
 * never replaces a polygon drawn or uploaded before. The outline is loaded once chosen. The credit
 * the outlines' licence asks for is shown under the box.
 */
import { useId, useState, type KeyboardEvent } from "react";
import type { Coverage } from "@/lib/commons/geometry";
import { TERRITORY_CREDIT, loadTerritoryCoverage, searchTerritories, type TerritoryEntry } from "@/lib/commons/regions/catalogue";
import { useT } from "@/components/i18n/i18n-provider";

export function TerritoryPicker({ onPick }: { onPick: (coverage: Coverage, territory: TerritoryEntry) => void }) {
  const t = useT();
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<TerritoryEntry | null>(null);
  const [failed, setFailed] = useState(false);
  const results = searchTerritories(query);
  const expanded = open && results.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  const label = (entry: TerritoryEntry) =>
    entry.level === "region"
      ? t("commons.form.territoryRegion", { name: entry.name })
      : t("commons.form.territoryDepartment", { name: entry.name, code: entry.code.slice(1) });

  const choose = async (entry: TerritoryEntry) => {
    setOpen(false);
    setActive(-1);
    setQuery(entry.name);
    setFailed(false);
    const coverage = await loadTerritoryCoverage(entry.code).catch(() => null);
    if (!coverage) {
      setFailed(true);
      return;
    }
    setChosen(entry);
    onPick(coverage, entry);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        setActive((index) => (results.length === 0 ? -1 : (index + 1) % results.length));
        return;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        setActive((index) => (results.length === 0 ? -1 : index <= 0 ? results.length - 1 : index - 1));
        return;
      case "Enter": {
        // Never submits the form from here: Enter chooses the highlighted territory (or the only match).
        event.preventDefault();
        const entry = results[active] ?? (results.length === 1 ? results[0] : undefined);
        if (expanded && entry) void choose(entry);
        return;
      }
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
    }
  };

  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={inputId}>
        {t("commons.form.coveragePickLabel")}
        <span className="fr-hint-text" id={hintId}>
          {t("commons.form.territorySearchHint")}
        </span>
      </label>
      <div style={{ position: "relative" }}>
        <input
          id={inputId}
          className="fr-input"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={hintId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t("commons.form.territoryResults")}
          hidden={!expanded}
          className="fr-p-0 fr-m-0"
          style={{
            position: "absolute",
            zIndex: 1000,
            left: 0,
            right: 0,
            listStyle: "none",
            maxHeight: "18rem",
            overflowY: "auto",
            background: "var(--background-default-grey)",
            boxShadow: "0 2px 6px rgba(0, 0, 18, 0.16)",
          }}
        >
          {results.map((entry, index) => (
            <li
              key={entry.code}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="fr-px-2w fr-py-1w"
              style={{
                cursor: "pointer",
                background: index === active ? "var(--background-action-low-blue-france)" : undefined,
              }}
              // mousedown, not click: the input keeps its focus and its blur does not close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                void choose(entry);
              }}
            >
              {label(entry)}
            </li>
          ))}
        </ul>
      </div>
      <p className="fr-sr-only" aria-live="polite">
        {open && query.trim() ? t("commons.form.territoryCount", { count: results.length }) : ""}
      </p>
      {failed && <p className="fr-message fr-message--error">{t("commons.form.territoryLoadFailed")}</p>}
      {chosen && (
        <p className="fr-text--sm fr-mb-0" data-testid="territory-chosen">
          {t("commons.form.territoryChosen", { name: label(chosen) })}
        </p>
      )}
      <p className="fr-text--xs fr-mb-0 fr-mt-1v">{t("commons.form.territoryCredit", { credit: TERRITORY_CREDIT })}</p>
    </div>
  );
}
