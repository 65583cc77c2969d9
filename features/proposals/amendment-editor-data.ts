/** What the amendment editor shows of the charter as it stands: articles, and parameters in words with their bounds. */
import type { DbTx } from "@/lib/db/client";
import type { Translate } from "@/lib/i18n/core";
import { getCharter } from "@/lib/charter/get-charter";
import { describeParameterValue } from "@/lib/charter/describe";
import { parameterFields } from "@/lib/charter/parameter-fields";
import type { EditorArticle, EditorParameter } from "@/features/proposals/components/amendment-editor";

export async function amendmentEditorData(
  db: DbTx,
  t: Translate,
  communityId: string,
): Promise<{ articles: EditorArticle[]; parameters: EditorParameter[] } | undefined> {
  const charter = await getCharter(db, { communityId });
  if (!charter) return undefined;
  const articles = charter.rules.map(({ number, title, text, principle }) => ({ number, title, text, principle }));
  const parameters = parameterFields().map((field): EditorParameter => {
    const current = charter.parameters[field.key];
    const choices = field.kind === "choice" || field.kind === "choices" ? field.choices : [];
    return {
      ...field,
      label: t(`charter.parameterNames.${field.key}`),
      current,
      currentText: describeParameterValue(t, field.key, current),
      choiceLabels: Object.fromEntries(
        choices.map((choice) => [choice, describeParameterValue(t, field.key, field.kind === "choices" ? [choice] : choice)]),
      ),
    };
  });
  return { articles, parameters };
}
