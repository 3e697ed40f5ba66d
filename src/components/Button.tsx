import type { ComponentProps } from 'react';
import { Link, type LinkProps } from 'react-router';
import { Spinner } from './Spinner';

const variants = {
  primary:
    'bg-brand-700 text-white shadow-sm hover:bg-brand-800 active:bg-brand-900 disabled:bg-brand-700/70',
  secondary:
    'bg-white text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 active:bg-slate-100 disabled:text-slate-500',
  ghost: 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 active:bg-slate-200',
} as const;

type Variant = keyof typeof variants;

const buttonClasses = (variant: Variant, className: string) =>
  `inline-flex items-center justify-center gap-2 rounded-lg px-3.5 py-2 text-sm font-semibold transition-colors disabled:cursor-not-allowed ${variants[variant]} ${className}`;

type ButtonProps = ComponentProps<'button'> & {
  variant?: Variant;
  /** Shows a spinner and disables the button while the action it started is running. */
  pending?: boolean;
};

export function Button({
  variant = 'primary',
  pending = false,
  disabled,
  className = '',
  type = 'button',
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      className={buttonClasses(variant, className)}
      {...props}
    >
      {pending && <Spinner />}
      {children}
    </button>
  );
}

/** A link that looks like a button: where the next step is another page, not an action. */
export function ButtonLink({
  variant = 'primary',
  className = '',
  ...props
}: LinkProps & { variant?: Variant }) {
  return <Link className={buttonClasses(variant, className)} {...props} />;
}

/** A link out of the SPA (a download, an export) that looks like a button. */
export function ButtonAnchor({
  variant = 'primary',
  className = '',
  ...props
}: ComponentProps<'a'> & { variant?: Variant }) {
  return <a className={buttonClasses(variant, className)} {...props} />;
}
