import { createTheme } from '@mantine/core';

// The default palette: its CSS variables ship in Mantine's stylesheet, so none is injected at run time.
export const theme = createTheme({ primaryColor: 'blue', defaultRadius: 'sm' });
