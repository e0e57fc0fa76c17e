import { Tooltip } from '@mantine/core';
import { cloneElement, type ReactElement, type ReactNode } from 'react';

function Lock() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 0 1 6 0v3H9Z"
      />
    </svg>
  );
}

interface FieldProps {
  readOnly?: boolean;
  rightSection?: ReactNode;
  description?: ReactNode;
  descriptionProps?: Record<string, unknown>;
}

/**
 * A field the signed-in user may not change is shown, read-only, with the reason why: in a tooltip on hover and on
 * keyboard focus, and as the field's description for screen readers (hidden from sight: the tooltip shows it).
 * Without a reason the field is left as it is.
 */
export function Guarded({ reason, children }: { reason: string | undefined; children: ReactElement<FieldProps> }) {
  if (!reason) return children;
  return (
    <Tooltip
      label={reason}
      events={{ hover: true, focus: true, touch: true }}
      multiline
      maw={340}
      withArrow
      position="right"
    >
      {cloneElement(children, {
        readOnly: true,
        rightSection: <Lock />,
        description: reason,
        descriptionProps: { className: 'visually-hidden' },
      })}
    </Tooltip>
  );
}
