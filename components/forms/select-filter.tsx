/**
 * A GET filter form with one select and a submit button (lists filtered by URL query): works
 * without JavaScript and with a keyboard; the label is tied to the select.
 */
export function SelectFilter({
  action,
  name,
  id,
  formLabel,
  label,
  allLabel,
  submitLabel,
  value,
  options,
}: {
  action: string;
  name: string;
  id: string;
  formLabel: string;
  label: string;
  allLabel: string;
  submitLabel: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <form method="get" action={action} className="fr-mb-4w" aria-label={formLabel}>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-select-group fr-mb-0">
            <label className="fr-label" htmlFor={id}>
              {label}
            </label>
            <select className="fr-select" id={id} name={name} defaultValue={value ?? ""}>
              <option value="">{allLabel}</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <button type="submit" className="fr-btn fr-btn--secondary">
            {submitLabel}
          </button>
        </div>
      </div>
    </form>
  );
}
