import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/** A toast whose close button has an accessible name in the current language. */
export function notify(color: 'green' | 'red', message: string): void {
  notifications.show({
    color,
    message,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
