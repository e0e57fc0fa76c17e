/**
 * The dashboard's charts (recharts, through @mantine/charts): a chunk of their own, loaded once the figures are on
 * the screen, so that the dashboard's first screen does not wait for them.
 */
import '@mantine/charts/styles.css';
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { money } from '../lib/format.ts';

export interface MonthPoint {
  month: string;
  revenue: number;
  orders: number;
}

export function RevenueChart({ months, label }: { months: MonthPoint[]; label: string }) {
  return (
    <BarChart
      h={240}
      data={months}
      dataKey="month"
      series={[{ name: 'revenue', label, color: 'blue.6' }]}
      valueFormatter={(value) => money(value * 100)}
    />
  );
}

export function OrdersChart({ months, label }: { months: MonthPoint[]; label: string }) {
  // Counts: straight segments (a smoothed curve would dip below zero) and whole numbers on the axis.
  return (
    <LineChart
      h={240}
      data={months}
      dataKey="month"
      curveType="linear"
      yAxisProps={{ allowDecimals: false }}
      series={[{ name: 'orders', label, color: 'teal.6' }]}
    />
  );
}

export function StatusDonut({ parts }: { parts: { name: string; value: number; color: string }[] }) {
  return <DonutChart size={160} thickness={24} withLabels={false} data={parts} />;
}

export function StockChart({ movies, label }: { movies: { title: string; stock: number }[]; label: string }) {
  return (
    <BarChart
      h={240}
      orientation="vertical"
      data={movies}
      dataKey="title"
      yAxisProps={{ width: 120 }}
      xAxisProps={{ allowDecimals: false }}
      series={[{ name: 'stock', label, color: 'orange.6' }]}
    />
  );
}
