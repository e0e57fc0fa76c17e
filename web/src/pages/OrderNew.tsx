import { ActionIcon, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, type Movie } from '../api/client.ts';
import { GeneralErrors, useServerErrors } from '../components/forms.tsx';
import { ClientPicker, MoviePicker } from '../components/Pickers.tsx';
import { money } from '../lib/format.ts';

interface Line {
  movie: Movie | null;
  quantity: number | string;
}

/**
 * Places an order. Each attempt carries an Idempotency-Key: the same key while the form is unchanged (a double
 * click or a retry after a lost answer places one order), a new one once the user changes anything.
 */
export default function OrderNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState<number | null>(null);
  const [lines, setLines] = useState<Line[]>([{ movie: null, quantity: 1 }]);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const fields = ['clientId', 'items', ...lines.map((_, index) => `items.${index}`)];
  const server = useServerErrors(fields);

  const changed = () => setKey(crypto.randomUUID());
  const setLine = (index: number, patch: Partial<Line>) => {
    setLines(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
    changed();
  };
  const total = lines.reduce((sum, line) => sum + (line.movie?.priceCents ?? 0) * Number(line.quantity || 0), 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || clientId === null) return;
    setBusy(true);
    server.clear();
    try {
      const order = data(
        await api.POST('/api/v1/orders', {
          params: { header: { 'idempotency-key': key } },
          body: {
            clientId,
            items: lines
              .filter((line) => line.movie)
              .map((line) => ({ movieId: (line.movie as Movie).id, quantity: Number(line.quantity) })),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['list'] });
      await navigate({ to: `/orders/${order.id}` });
    } catch (failure) {
      server.show(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('order.new')}
      </Title>
      <form onSubmit={submit} aria-label={t('order.new')}>
        <Stack maw={760}>
          <GeneralErrors messages={server.general} />
          <ClientPicker
            label={t('order.client')}
            value={clientId}
            onChange={(id) => {
              setClientId(id);
              changed();
            }}
            error={server.errors.clientId}
          />
          {lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a line is its place in the order
            <Paper key={index} withBorder p="sm">
              <Group align="flex-start" wrap="nowrap">
                <Stack gap={4} flex={1}>
                  <MoviePicker
                    label={t('order.movieN', { n: index + 1 })}
                    value={line.movie}
                    onChange={(movie) => setLine(index, { movie })}
                    error={server.errors[`items.${index}`]}
                  />
                </Stack>
                <NumberInput
                  label={t('order.quantityN', { n: index + 1 })}
                  min={1}
                  allowDecimal={false}
                  w={120}
                  value={line.quantity}
                  onChange={(quantity) => setLine(index, { quantity })}
                />
                {lines.length > 1 && (
                  <ActionIcon
                    mt={26}
                    variant="subtle"
                    size="lg"
                    aria-label={t('order.removeLine', { n: index + 1 })}
                    onClick={() => {
                      setLines(lines.filter((_, i) => i !== index));
                      changed();
                    }}
                  >
                    <span aria-hidden="true">×</span>
                  </ActionIcon>
                )}
              </Group>
            </Paper>
          ))}
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={() => {
                setLines([...lines, { movie: null, quantity: 1 }]);
                changed();
              }}
            >
              {t('order.addLine')}
            </Button>
            <Text fw={700}>{t('order.estimate', { total: money(total) })}</Text>
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('order.place')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
