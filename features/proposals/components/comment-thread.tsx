"use client";
/**
 * The discussion: comments with their replies nested one level, a form to post or reply, edit and
 * delete one's own, hide for moderators. Bodies arrive already rendered from Markdown (sanitized on
 * the server by lib/core/markdown.ts).
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { commentSchema } from "@/lib/proposals/schemas";
import { addCommentAction, deleteCommentAction, editCommentAction } from "@/features/proposals/actions";
import { useServerFeedback } from "@/components/forms/use-server-feedback";
import { useT, useTranslateDynamic } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { HiddenNotice } from "@/features/moderation/components/hidden-notice";
import { ReportButton } from "@/features/moderation/components/report-button";
import { ModerateContent } from "@/features/moderation/components/moderate-content";

export type CommentItem = {
  id: string;
  parentId: string | null;
  author: string;
  mine: boolean;
  html: string | null;
  body: string | null;
  date: string;
  edited: boolean;
  deleted: boolean;
  hidden: boolean;
  /** For the author and moderators of a hidden comment (its text is then in html/body). */
  hiddenReason?: string | null;
};

type Form = z.input<typeof commentSchema>;

function CommentForm({
  proposalId,
  parentId,
  commentId,
  initial = "",
  label,
  submit,
  onDone,
}: {
  proposalId: string;
  parentId?: string;
  commentId?: string;
  initial?: string;
  label: string;
  submit: string;
  onDone: () => void;
}) {
  const t = useT();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof commentSchema>>({
    resolver: zodResolver(commentSchema),
    defaultValues: { body: initial, parentId },
  });
  const feedback = useServerFeedback(setError, { fields: ["body"] });
  const onSubmit = handleSubmit(async (values) => {
    const result = commentId
      ? await editCommentAction({ proposalId, commentId, body: values.body })
      : await addCommentAction({ proposalId, ...values });
    if (!feedback.apply(result)) return;
    reset({ body: "", parentId });
    onDone();
  });
  const formError = feedback.formError;
  const fieldId = `comment-${commentId ?? parentId ?? "new"}`;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="fr-mb-2w">
      {formError && <Alert severity="error" small description={formError} className="fr-mb-2w" />}
      <Input
        textArea
        label={label}
        hintText={t("votes.comments.bodyHint")}
        nativeTextAreaProps={{ ...register("body"), rows: 3, id: fieldId }}
        {...fieldState(feedback.message(errors.body?.message))}
      />
      <Button type="submit" size="small" disabled={isSubmitting}>
        {submit}
      </Button>
    </form>
  );
}

function CommentCard({
  proposalId,
  communitySlug,
  comment,
  canComment,
  canModerate,
  canReport,
  replies,
}: {
  proposalId: string;
  communitySlug?: string;
  comment: CommentItem;
  canComment: boolean;
  canModerate: boolean;
  canReport: boolean;
  replies?: React.ReactNode;
}) {
  const t = useT();
  const tr = useTranslateDynamic();
  const [mode, setMode] = useState<"view" | "edit" | "reply">("view");
  const [error, setError] = useState<string>();
  const act = async (op: "delete") => {
    if (op !== "delete") return;
    const result = await deleteCommentAction({ proposalId, commentId: comment.id });
    if (!result.ok) setError(tr(result.formError ?? "errors.invalid", result.values));
  };
  const gone = comment.deleted || comment.hidden;
  return (
    <li className="fr-mb-3w">
      <article aria-label={t("votes.comments.by", { author: comment.author, date: comment.date })}>
        <p className="fr-text--sm fr-mb-1v">
          <strong>{comment.author}</strong> — {comment.date}
          {comment.edited && !gone ? ` (${t("votes.comments.edited")})` : ""}
        </p>
        {comment.deleted ? (
          <p className="fr-text--sm">
            <em>{t("votes.comments.deleted")}</em>
          </p>
        ) : comment.hidden ? (
          <>
            <HiddenNotice
              reason={comment.hiddenReason ?? null}
              viewerIsAuthor={comment.mine}
              viewerIsModerator={canModerate}
              contest={communitySlug ? { communitySlug, targetKind: "COMMENT", targetId: comment.id } : undefined}
            />
            {comment.html !== null && (
              <div className="gc-markdown gc-hidden-content" dangerouslySetInnerHTML={{ __html: comment.html }} />
            )}
            {canModerate && communitySlug && (
              <ModerateContent communitySlug={communitySlug} targetKind="COMMENT" targetId={comment.id} hidden />
            )}
          </>
        ) : mode === "edit" ? (
          <CommentForm
            proposalId={proposalId}
            commentId={comment.id}
            initial={comment.body ?? ""}
            label={t("votes.comments.edit")}
            submit={t("votes.comments.save")}
            onDone={() => setMode("view")}
          />
        ) : (
          <div className="gc-markdown" dangerouslySetInnerHTML={{ __html: comment.html ?? "" }} />
        )}
        {error && <Alert severity="error" small description={error} className="fr-mb-1w" />}
        {!gone && (
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            {canComment && !comment.parentId && (
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  onClick={() => setMode(mode === "reply" ? "view" : "reply")}
                >
                  {t("votes.comments.reply")}
                </Button>
              </li>
            )}
            {comment.mine && (
              <>
                <li>
                  <Button
                    type="button"
                    priority="tertiary"
                    size="small"
                    onClick={() => setMode(mode === "edit" ? "view" : "edit")}
                  >
                    {mode === "edit" ? t("votes.comments.cancel") : t("votes.comments.edit")}
                  </Button>
                </li>
                <li>
                  <Button type="button" priority="tertiary" size="small" onClick={() => void act("delete")}>
                    {t("votes.comments.delete")}
                  </Button>
                </li>
              </>
            )}
          </ul>
        )}
        {!gone && communitySlug && (canReport || canModerate) && (
          <div className="gc-inline-actions">
            {canReport && !comment.mine && (
              <ReportButton communitySlug={communitySlug} targetKind="COMMENT" targetId={comment.id} />
            )}
            {canModerate && (
              <ModerateContent communitySlug={communitySlug} targetKind="COMMENT" targetId={comment.id} hidden={false} />
            )}
          </div>
        )}
        {mode === "reply" && (
          <CommentForm
            proposalId={proposalId}
            parentId={comment.id}
            label={t("votes.comments.replyTo", { author: comment.author })}
            submit={t("votes.comments.submit")}
            onDone={() => setMode("view")}
          />
        )}
      </article>
      {replies}
    </li>
  );
}

export function CommentThread({
  proposalId,
  communitySlug,
  comments,
  canComment,
  canModerate,
  canReport = false,
  cannotComment = null,
}: {
  proposalId: string;
  /** With it, comments get the report button (and moderators hide with a reason). */
  communitySlug?: string;
  comments: CommentItem[];
  canComment: boolean;
  canModerate: boolean;
  canReport?: boolean;
  /** Shown in place of the form to those who may not comment (sign in, suspended…). */
  cannotComment?: React.ReactNode;
}) {
  const t = useT();
  const ids = new Set(comments.map((c) => c.id));
  // Replies to replies attach to the thread's root: one level of nesting reads best.
  const rootOf = (comment: CommentItem): string | null => {
    let current: CommentItem | undefined = comment;
    const seen = new Set<string>();
    while (current?.parentId && ids.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = comments.find((c) => c.id === current!.parentId);
    }
    return current && current.id !== comment.id ? current.id : null;
  };
  const roots = comments.filter((c) => rootOf(c) === null);
  return (
    <section aria-labelledby="comments-title" className="fr-mb-4w">
      <h2 id="comments-title">{t("votes.comments.title")}</h2>
      {comments.length === 0 && <p>{t("votes.comments.empty")}</p>}
      <ul className="fr-raw-list">
        {roots.map((root) => {
          const replies = comments.filter((c) => rootOf(c) === root.id);
          return (
            <CommentCard
              key={root.id}
              proposalId={proposalId}
              communitySlug={communitySlug}
              comment={root}
              canComment={canComment}
              canModerate={canModerate}
              canReport={canReport}
              replies={
                replies.length > 0 && (
                  <ul className="fr-raw-list fr-ml-4w">
                    {replies.map((reply) => (
                      <CommentCard
                        key={reply.id}
                        proposalId={proposalId}
                        communitySlug={communitySlug}
                        comment={reply}
                        canComment={canComment}
                        canModerate={canModerate}
                        canReport={canReport}
                      />
                    ))}
                  </ul>
                )
              }
            />
          );
        })}
      </ul>
      {!canComment && cannotComment}
      {canComment && (
        <CommentForm
          proposalId={proposalId}
          label={t("votes.comments.body")}
          submit={t("votes.comments.submit")}
          onDone={() => {}}
        />
      )}
    </section>
  );
}
