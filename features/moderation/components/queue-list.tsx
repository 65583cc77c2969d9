"use client";
/**
 * The moderation queue, one entry per reported item (its report count and reasons together, so one
 * decision answers them all), with its actions, and bulk actions for spam waves: select many (or all
 * on this page), then hide them all, hide them all and sanction their authors (the ladder's step for
 * each), or dismiss them all, with one reason — one server action, one transaction.
 */
import { useState } from "react";
import Link from "next/link";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { bulkSchema } from "@/lib/moderation/bulk-schema";
import { fieldErrorsOf } from "@/lib/core/forms";
import { bulkAction } from "@/features/moderation/actions";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { HiddenOffer, ModerateContent, type HiddenDone } from "@/features/moderation/components/moderate-content";

type Reason = "SPAM" | "ABUSE" | "OFF_TOPIC" | "ILLEGAL" | "PERSONAL_DATA" | "OTHER";

export type QueueEntry = {
  /** The item's key: kind and id. */
  id: string;
  targetKind: "PROPOSAL" | "COMMENT" | "PROFILE" | "CONTRIBUTION" | "COMMONS";
  targetId: string;
  targetAuthorId: string;
  authorName: string | null;
  /** Every report of the item in the filter; comments are the reporters' words, never their names. */
  reports: { id: string; comment: string; state: "OPEN" | "DISMISSED" | "ACTIONED" }[];
  reasons: { reason: Reason; count: number }[];
  state: "OPEN" | "DISMISSED" | "ACTIONED";
  date: string;
  /** Already sanctioned for this item: no second sanction is offered. */
  sanctioned: boolean;
  /** The item as its adapter describes it (lib/moderation/targets/): its own words, never a sentence of ours. */
  context: {
    exists: boolean;
    title: string | null;
    excerpt: string;
    href: string | null;
    hideable: boolean;
    hidden: boolean;
  } | null;
  history: {
    otherReports: number;
    sanctions: { id: string; kind: "WARNING" | "SUSPENSION" | "BAN"; date: string; overturned: boolean }[];
  };
};

type Op = "dismiss" | "hide" | "hideAndSanction";

export function QueueList({ slug, items }: { slug: string; items: QueueEntry[] }) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string }>();
  const [busy, setBusy] = useState(false);
  // The item leaves the open queue once hidden: its outcome and the offer to sanction stay here.
  const [hiddenDone, setHiddenDone] = useState<HiddenDone>();
  const open = items.filter((i) => i.state === "OPEN");
  const allSelected = open.length > 0 && open.every((i) => selected.has(i.id));
  const openReports = (item: QueueEntry) => item.reports.filter((r) => r.state === "OPEN").map((r) => r.id);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(open.map((i) => i.id)));

  const runBulk = async (op: Op) => {
    setMessage(undefined);
    setReasonError(undefined);
    const input = { op, reportIds: items.filter((i) => selected.has(i.id)).flatMap(openReports), reason };
    const parsed = bulkSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      if (errors.reason) setReasonError(tr(errors.reason));
      if (errors.reportIds) setMessage({ severity: "error", text: tr(errors.reportIds) ?? "" });
      return;
    }
    setBusy(true);
    const result = await bulkAction({ ...parsed.data, slug });
    setBusy(false);
    if (!result.ok) {
      const fields = result.fieldErrors ?? {};
      if (fields.reason) setReasonError(tr(fields.reason, result.values));
      const other = result.formError ?? Object.entries(fields).find(([f]) => f !== "reason")?.[1];
      if (other) setMessage({ severity: "error", text: tr(other, result.values) ?? "" });
      return;
    }
    const done = result.data!;
    setMessage({
      severity: "success",
      text: [
        t("modui.queue.bulkDone", { reports: done.reports, hidden: done.hidden, sanctioned: done.sanctioned }),
        done.skipped > 0 ? t("modui.queue.bulkSkipped", { count: done.skipped }) : "",
      ]
        .filter(Boolean)
        .join(" "),
    });
    setSelected(new Set());
    setReason("");
  };

  const dismiss = async (item: QueueEntry) => {
    setMessage(undefined);
    const result = await bulkAction({ op: "dismiss", reportIds: openReports(item), reason: "", slug });
    if (!result.ok) {
      setMessage({ severity: "error", text: tr(result.formError ?? "errors.invalid", result.values) ?? "" });
      return;
    }
    setMessage({ severity: "success", text: t("modui.queue.done") });
  };

  return (
    <>
      {message && (
        <div role={message.severity === "error" ? "alert" : "status"} className="fr-mb-2w" data-testid="queue-message">
          <Alert severity={message.severity} small description={message.text} />
        </div>
      )}
      {hiddenDone && (
        <HiddenOffer
          key={hiddenDone.targetId}
          communitySlug={slug}
          targetKind={hiddenDone.targetKind}
          targetId={hiddenDone.targetId}
          reason={hiddenDone.reason}
          offer={hiddenDone.offer}
        />
      )}
      {open.length > 0 && (
        <section aria-labelledby="bulk-title" className="fr-p-2w fr-mb-4w fr-background-alt--grey">
          <h3 id="bulk-title" className="fr-h5">
            {t("modui.queue.bulkTitle")}
          </h3>
          <div className="fr-checkbox-group fr-mb-2w">
            <input type="checkbox" id="select-all" checked={allSelected} onChange={toggleAll} />
            <label className="fr-label" htmlFor="select-all">
              {t("modui.queue.selectAll")}
            </label>
          </div>
          <p className="fr-text--sm" aria-live="polite" data-testid="selected-count">
            {t("modui.queue.selected", { count: selected.size })}
          </p>
          <Input
            label={t("modui.queue.bulkReason")}
            nativeInputProps={{ value: reason, onChange: (e) => setReason(e.target.value), id: "bulk-reason" }}
            {...fieldState(reasonError)}
          />
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <Button type="button" disabled={busy} onClick={() => void runBulk("hide")}>
                {t("modui.queue.bulkHide")}
              </Button>
            </li>
            <li>
              <Button type="button" disabled={busy} onClick={() => void runBulk("hideAndSanction")}>
                {t("modui.queue.bulkHideAndSanction")}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" disabled={busy} onClick={() => void runBulk("dismiss")}>
                {t("modui.queue.bulkDismiss")}
              </Button>
            </li>
          </ul>
        </section>
      )}
      {items.length === 0 ? (
        <p>{t("modui.queue.empty")}</p>
      ) : (
        <p className="fr-text--sm">{t("modui.queue.count", { count: items.length })}</p>
      )}
      <ol className="fr-raw-list" data-testid="queue">
        {items.map((item, index) => {
          const headingId = `report-${item.id}`;
          const hideable = item.context?.hideable && item.context.exists;
          return (
            <li key={item.id} className="fr-card fr-card--no-arrow fr-mb-2w fr-p-2w" data-testid="queue-item">
              <article aria-labelledby={headingId}>
                <div className="fr-grid-row fr-grid-row--gutters">
                  {item.state === "OPEN" && (
                    <div className="fr-col-auto">
                      <div className="fr-checkbox-group">
                        <input
                          type="checkbox"
                          id={`select-${item.id}`}
                          checked={selected.has(item.id)}
                          onChange={() => toggle(item.id)}
                        />
                        <label className="fr-label" htmlFor={`select-${item.id}`}>
                          <span className="fr-sr-only">{t("modui.queue.select", { n: index + 1 })}</span>
                        </label>
                      </div>
                    </div>
                  )}
                  <div className="fr-col">
                    <h3 id={headingId} className="fr-h6 fr-mb-1w">
                      {t(`modui.kinds.${item.targetKind}`)} · {t("modui.queue.reportCount", { count: item.reports.length })}
                    </h3>
                    <p className="fr-text--sm fr-mb-1w" data-testid="queue-reasons">
                      {t("modui.queue.reasons", {
                        reasons: item.reasons
                          .map((r) => t("modui.queue.reasonCount", { reason: t(`modui.reasons.${r.reason}`), count: r.count }))
                          .join(", "),
                      })}
                    </p>
                    <ul className="fr-badges-group fr-mb-1w">
                      <li>
                        <p className="fr-badge fr-badge--sm">{t(`modui.states.${item.state}`)}</p>
                      </li>
                      {item.sanctioned && (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--info">{t("modui.queue.alreadySanctioned")}</p>
                        </li>
                      )}
                      {item.context?.hidden && (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--warning">{t("modui.queue.alreadyHidden")}</p>
                        </li>
                      )}
                    </ul>
                    {item.context?.exists ? (
                      <blockquote className="fr-text--sm fr-mb-1w">
                        {item.context.title && <strong>{item.context.title}</strong>}
                        {item.context.title && item.context.excerpt && <br />}
                        {item.context.excerpt}
                      </blockquote>
                    ) : (
                      <p className="fr-text--sm">
                        <em>{t("modui.queue.removed")}</em>
                      </p>
                    )}
                    {item.context?.href && (
                      <p className="fr-text--sm fr-mb-1w">
                        <Link href={item.context.href}>{t("modui.queue.open")}</Link>
                      </p>
                    )}
                    <p className="fr-text--sm fr-mb-1w">
                      {t("modui.queue.author", { author: item.authorName ?? t("modui.queue.unknownAuthor") })} —{" "}
                      {t("modui.queue.reportedOn", { date: item.date })}
                    </p>
                    {item.reports.some((r) => r.comment) ? (
                      <ul className="fr-text--sm fr-mb-1w">
                        {item.reports
                          .filter((r) => r.comment)
                          .map((r) => (
                            <li key={r.id}>{t("modui.queue.comment", { comment: r.comment })}</li>
                          ))}
                      </ul>
                    ) : (
                      <p className="fr-text--sm fr-mb-1w">{t("modui.queue.noComment")}</p>
                    )}
                    <details className="fr-mb-1w">
                      <summary className="fr-text--sm">{t("modui.queue.history")}</summary>
                      <p className="fr-text--sm fr-mb-0">{t("modui.queue.otherReports", { count: item.history.otherReports })}</p>
                      {item.history.sanctions.length === 0 ? (
                        <p className="fr-text--sm">{t("modui.queue.noSanctions")}</p>
                      ) : (
                        <ul className="fr-text--sm">
                          {item.history.sanctions.map((s) => (
                            <li key={s.id}>
                              <Link href={`/communities/${slug}/sanctions/${s.id}`}>
                                {t("modui.queue.sanctionLine", { kind: t(`modui.sanctionKinds.${s.kind}`), date: s.date })}
                              </Link>{" "}
                              {s.overturned ? t("modui.queue.overturned") : ""}
                            </li>
                          ))}
                        </ul>
                      )}
                    </details>
                    <div role="group" aria-label={t("modui.queue.actions")}>
                      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mb-0">
                        {item.state === "OPEN" && (
                          <li>
                            <Button type="button" size="small" priority="secondary" onClick={() => void dismiss(item)}>
                              {t("modui.queue.dismiss")}
                            </Button>
                          </li>
                        )}
                        {!item.sanctioned && (
                          <li>
                            <Link
                              className="fr-btn fr-btn--sm fr-btn--secondary"
                              href={`/communities/${slug}/moderation/sanction/${item.targetAuthorId}?reports=${item.reports.map((r) => r.id).join(",")}`}
                            >
                              {t("modui.queue.sanction")}
                            </Link>
                          </li>
                        )}
                      </ul>
                      {hideable && (
                        <ModerateContent
                          communitySlug={slug}
                          targetKind={item.targetKind as "PROPOSAL" | "COMMENT" | "COMMONS" | "CONTRIBUTION"}
                          targetId={item.targetId}
                          hidden={item.context?.hidden ?? false}
                          onHidden={(done) => {
                            setMessage(undefined);
                            setHiddenDone(done);
                          }}
                        />
                      )}
                    </div>
                  </div>
                </div>
              </article>
            </li>
          );
        })}
      </ol>
    </>
  );
}
