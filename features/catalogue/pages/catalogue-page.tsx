/**
 * The catalogue: every commons of the communities the person may see (anonymous people see public
 * communities), by words, filters and map area, sorted, by cursor. The query string is validated
 * field by field (params.ts): a bad value is reported at its field and ignored, never a 500. The map
 * view draws the coverages of the same page of results, fetched by the same single query.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { mapStyleUrl } from "@/lib/core/config";
import { licences, commonsKinds, commonsStatuses } from "@/lib/commons/schemas";
import { catalogueCommunities, commonsSorts, effectiveSort, searchCommons } from "@/lib/commons/search";
import { actorKinds } from "@/lib/users/schemas";
import { translateDynamic, type MessageKey } from "@/lib/i18n/core";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import type { CoverageFeature } from "@/components/map/coverage-map";
import { openDataPaths } from "@/lib/commons/links";
import { CatalogueMap } from "@/features/catalogue/components/catalogue-map";
import {
  catalogueHref,
  formatBbox,
  parseCatalogueQuery,
  type CatalogueErrors,
  type CatalogueField,
} from "@/features/catalogue/params";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("catalogue.title") };
}

const LIST_LIMIT = 20;
const MAP_LIMIT = 50;

function Select({
  id,
  name,
  label,
  anyLabel,
  value,
  options,
  error,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel?: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const errorId = `${id}-error`;
  return (
    <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select
        className={`fr-select${error ? " fr-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={value ?? ""}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
      >
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

export async function CataloguePage({ searchParams }: Props) {
  const [{ t, locale }, viewer, raw] = await Promise.all([getTranslator(), currentUser(), searchParams]);
  const parsed = parseCatalogueQuery(raw);
  const { query } = parsed;
  const errors: CatalogueErrors = { ...parsed.errors };
  const communities = await catalogueCommunities(db(), viewer);
  if (query.community && !communities.some((c) => c.slug === query.community)) {
    errors.community = "catalogue.errors.community";
    delete query.community;
  }
  const message = (field: CatalogueField) => (errors[field] ? translateDynamic(locale, errors[field]!) : undefined);

  const view = query.view ?? "list";
  const sort = effectiveSort(query.sort, query.q);
  const page = await searchCommons(db(), {
    viewer,
    q: query.q,
    kind: query.kind,
    licence: query.licence,
    status: query.status,
    communitySlug: query.community,
    actorKind: query.actor,
    bbox: query.bbox,
    sort,
    cursor: query.cursor,
    limit: view === "map" ? MAP_LIMIT : LIST_LIMIT,
    includeCoverage: view === "map",
  });

  const commonsHref = (hit: { slug: string; community: { slug: string } }) =>
    `/communities/${hit.community.slug}/commons/${hit.slug}`;
  const features: CoverageFeature[] = page.data.flatMap((hit) =>
    hit.coverage ? [{ id: hit.id, title: hit.title, href: commonsHref(hit), geometry: hit.coverage }] : [],
  );
  const nextHref = page.nextCursor ? catalogueHref(query, { cursor: page.nextCursor }) : null;
  const firstHref = query.cursor ? catalogueHref(query, { cursor: undefined }) : null;
  const hasErrors = Object.keys(errors).length > 0;
  const formErrorFields: CatalogueField[] = ["bbox", "cursor", "view"];

  // The select filters, in the order shown (sort last, without an "any" choice).
  const filters = [
    {
      name: "kind",
      label: t("catalogue.search.kind"),
      value: query.kind,
      options: commonsKinds.map((value) => ({ value, label: t(`catalogue.kinds.${value}`) })),
    },
    {
      name: "licence",
      label: t("catalogue.search.licence"),
      value: query.licence,
      options: licences.map((value) => ({ value, label: value })),
    },
    {
      name: "status",
      label: t("catalogue.search.status"),
      value: query.status,
      options: commonsStatuses.map((value) => ({ value, label: t(`catalogue.statuses.${value}`) })),
    },
    {
      name: "community",
      label: t("catalogue.search.community"),
      value: query.community,
      options: communities.map((c) => ({ value: c.slug, label: c.name })),
    },
    {
      name: "actor",
      label: t("catalogue.search.actorKind"),
      value: query.actor,
      options: actorKinds.map((value) => ({ value, label: t(`actorKind.${value}`) })),
    },
    {
      name: "sort",
      label: t("catalogue.search.sort"),
      value: sort,
      options: commonsSorts.map((value) => ({ value, label: t(`catalogue.sort.${value}`) })),
    },
  ] as const;

  return (
    <>
      <h1>{t("catalogue.title")}</h1>
      <p className="fr-text--lead">{t("catalogue.intro")}</p>
      <nav aria-label={t("opendata.links.label")} className="fr-mb-4w">
        <ul className="fr-tags-group" data-testid="open-data-links">
          <li>
            <a className="fr-tag" href={openDataPaths.catalogueCsv} download>
              {t("opendata.links.csv")}
            </a>
          </li>
          <li>
            <a className="fr-tag" href={`${openDataPaths.catalogueCsv}?bom=1`} download>
              {t("opendata.links.csvBom")}
            </a>
          </li>
          <li>
            <a className="fr-tag" href={openDataPaths.catalogueJson}>
              {t("opendata.links.json")}
            </a>
          </li>
          <li>
            <a className="fr-tag" href={openDataPaths.dcat}>
              {t("opendata.links.dcat")}
            </a>
          </li>
          <li>
            <a className="fr-tag" href={openDataPaths.ogc}>
              {t("opendata.links.ogc")}
            </a>
          </li>
        </ul>
        <p className="fr-text--sm fr-mt-1w fr-mb-0">{t("opendata.links.csvHint")}</p>
      </nav>

      {hasErrors && (
        <div className="fr-alert fr-alert--warning fr-mb-4w" role="alert" data-testid="catalogue-errors">
          <h2 className="fr-alert__title">{t("catalogue.errors.summary")}</h2>
          <ul>
            {formErrorFields
              .filter((field) => errors[field])
              .map((field) => (
                <li key={field} data-field={field}>
                  {message(field)}
                </li>
              ))}
          </ul>
        </div>
      )}

      <form method="get" action="/catalogue" className="fr-mb-4w" role="search" aria-labelledby="catalogue-search-legend">
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend" id="catalogue-search-legend">
            {t("catalogue.search.legend")}
          </legend>
          <div className="fr-fieldset__element">
            <div className={`fr-input-group${errors.q ? " fr-input-group--error" : ""}`}>
              <label className="fr-label" htmlFor="catalogue-q">
                {t("catalogue.search.q")}
                <span className="fr-hint-text">{t("catalogue.search.qHint")}</span>
              </label>
              <input
                className={`fr-input${errors.q ? " fr-input--error" : ""}`}
                type="search"
                id="catalogue-q"
                name="q"
                defaultValue={typeof raw.q === "string" ? raw.q : ""}
                maxLength={400}
                aria-describedby={errors.q ? "catalogue-q-error" : undefined}
                aria-invalid={errors.q ? true : undefined}
              />
              {errors.q && (
                <p id="catalogue-q-error" className="fr-error-text">
                  {message("q")}
                </p>
              )}
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-grid-row fr-grid-row--gutters">
              {filters.map((filter) => (
                <div key={filter.name} className="fr-col-12 fr-col-md-4">
                  <Select
                    id={`catalogue-${filter.name}`}
                    name={filter.name}
                    label={filter.label}
                    anyLabel={filter.name === "sort" ? undefined : t("catalogue.search.any")}
                    value={filter.value}
                    error={message(filter.name)}
                    options={filter.options}
                  />
                </div>
              ))}
            </div>
          </div>
          {view === "map" && <input type="hidden" name="view" value="map" />}
          {query.bbox && <input type="hidden" name="bbox" value={formatBbox(query.bbox)} />}
          <div className="fr-fieldset__element">
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" className="fr-btn fr-icon-search-line fr-btn--icon-left">
                  {t("catalogue.search.submit")}
                </button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--tertiary" href={view === "map" ? "/catalogue?view=map" : "/catalogue"}>
                  {t("catalogue.search.reset")}
                </Link>
              </li>
            </ul>
          </div>
        </fieldset>
      </form>

      {query.bbox && (
        <div className="fr-notice fr-notice--info fr-mb-4w" data-testid="catalogue-bbox">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                {t("catalogue.search.bboxActive", { bbox: formatBbox(query.bbox) })}{" "}
                <Link className="fr-link" href={catalogueHref(query, { bbox: undefined, cursor: undefined })}>
                  {t("catalogue.search.bboxClear")}
                </Link>
              </p>
            </div>
          </div>
        </div>
      )}

      <nav aria-label={t("catalogue.view.label")} className="fr-mb-3w">
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          {(["list", "map"] as const).map((value) => (
            <li key={value}>
              <Link
                className={`fr-btn fr-btn--sm ${view === value ? "" : "fr-btn--secondary"} ${
                  value === "map" ? "fr-icon-map-pin-2-line" : "fr-icon-list-unordered"
                } fr-btn--icon-left`}
                href={catalogueHref(query, { view: value === "list" ? undefined : "map", cursor: undefined })}
                aria-current={view === value ? "page" : undefined}
              >
                {t(`catalogue.view.${value}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {view === "map" && (
        <section aria-labelledby="catalogue-map-title" className="fr-mb-4w">
          <h2 id="catalogue-map-title">{t("catalogue.mapHeading")}</h2>
          {features.length === 0 && <p>{t("catalogue.mapNoCoverage")}</p>}
          {page.nextCursor && <p className="fr-hint-text">{t("catalogue.mapLimit", { count: MAP_LIMIT })}</p>}
          <CatalogueMap
            features={features}
            styleUrl={mapStyleUrl()}
            label={t("catalogue.map.canvasLabel")}
            areaHref={catalogueHref(query, { bbox: undefined, cursor: undefined })}
          />
        </section>
      )}

      <section aria-labelledby="catalogue-results-title">
        <h2 id="catalogue-results-title">{t("catalogue.results.heading")}</h2>
        <p className="fr-hint-text" role="status" data-testid="catalogue-count">
          {page.data.length === 0 ? t("catalogue.results.empty") : t("catalogue.results.count", { count: page.data.length })}
        </p>
        {page.data.length > 0 && (
          <ul
            className="gc-catalogue-results fr-raw-list"
            aria-label={t("catalogue.results.listHeading")}
            data-testid="catalogue-results"
          >
            {page.data.map((hit) => (
              <li key={hit.id} className="fr-mb-3w">
                <h3 className="fr-h5 fr-mb-1w">
                  <Link href={commonsHref(hit)}>{hit.title}</Link>
                </h3>
                <p className="fr-mb-1w">{hit.summary}</p>
                <ul className="fr-tags-group">
                  <li>
                    <p className="fr-tag fr-tag--sm">{t(`catalogue.kinds.${hit.kind}`)}</p>
                  </li>
                  <li>
                    <p className="fr-tag fr-tag--sm">{t(`catalogue.statuses.${hit.status}`)}</p>
                  </li>
                  <li>
                    <p className="fr-tag fr-tag--sm">{t("catalogue.results.licence", { licence: hit.licence })}</p>
                  </li>
                  <li>
                    <p className="fr-tag fr-tag--sm">{t("catalogue.results.community", { name: hit.community.name })}</p>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
        {(nextHref || firstHref) && (
          <nav aria-label={t("catalogue.results.heading")} className="fr-mt-4w">
            <ul className="fr-btns-group fr-btns-group--inline-md">
              {firstHref && (
                <li>
                  <Link className="fr-btn fr-btn--secondary fr-icon-arrow-left-s-first-line fr-btn--icon-left" href={firstHref}>
                    {t("catalogue.results.first")}
                  </Link>
                </li>
              )}
              {nextHref && (
                <li>
                  <Link className="fr-btn fr-btn--secondary fr-icon-arrow-right-s-line fr-btn--icon-right" href={nextHref}>
                    {t("catalogue.results.next")}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        )}
      </section>
    </>
  );
}
