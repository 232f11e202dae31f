import { Icon } from './Icon.tsx';

export interface ToggleOption<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  /** Id of the visible question that names the group. */
  labelledBy: string;
  options: readonly ToggleOption<T>[];
  value: T | null;
  onChange: (value: T) => void;
  disabled?: boolean;
  /** Id of an error text describing the group (the question is not answered). */
  describedBy?: string;
  invalid?: boolean;
  /** The first button (focused when the question still needs an answer). */
  ref?: React.Ref<HTMLButtonElement>;
}

/**
 * One choice as a row of large toggle buttons (`aria-pressed`, a check mark on the chosen one,
 * not colour alone), named by a visible question.
 */
export function ToggleGroup<T extends string>({ labelledBy, options, value, onChange, disabled, describedBy, invalid, ref }: Props<T>) {
  return (
    <div role="group" className={`toggle-group${invalid ? ' toggle-group--invalid' : ''}`} aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {options.map((o, i) => (
        <button key={o.value} ref={i === 0 ? ref : undefined} type="button" className="toggle" aria-pressed={value === o.value} disabled={disabled} onClick={() => onChange(o.value)}>
          {value === o.value && <Icon name="check" />}
          <span>{o.label}</span>
        </button>
      ))}
    </div>
  );
}
