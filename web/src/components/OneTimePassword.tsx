import { Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface OneTimePassword {
  name: string;
  email: string;
  password: string;
}

/**
 * Shows a user's one-time password, once: the caller keeps it in its state only (never in the URL, storage or the
 * query cache) and drops it when this closes.
 */
export function OneTimePasswordDialog({ shown, onClose }: { shown: OneTimePassword | undefined; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={shown !== undefined}
      onClose={onClose}
      title={t('user.otpTitle')}
      closeOnClickOutside={false}
      lockScroll={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {shown && (
        <Stack>
          <Text size="sm">{t('user.otpText', { name: shown.name, email: shown.email })}</Text>
          <Code block fz="lg">
            {shown.password}
          </Code>
          <Group justify="space-between">
            <CopyButton value={shown.password}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} onClick={copy}>
                  {copied ? t('user.copied') : t('user.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>
              {t('user.otpDone')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
