import { modals } from '@mantine/modals';
import i18n from 'i18next';

/** A confirmation dialog whose close button has an accessible name in the current language. */
export function askToConfirm(options: Parameters<typeof modals.openConfirmModal>[0]): void {
  modals.openConfirmModal({ closeButtonProps: { 'aria-label': i18n.t('common.close') }, ...options });
}
