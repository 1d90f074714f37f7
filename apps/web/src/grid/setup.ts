import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ModuleRegistry,
  NumberFilterModule,
  TextFilterModule,
  themeQuartz,
  ValidationModule,
} from 'ag-grid-community';

/**
 * Only the grid features we use; dev builds add AG Grid's misconfiguration warnings. No
 * TooltipModule: hover texts are the browser's `title` (grid/titledCells.ts).
 */
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  ColumnApiModule,
  CellApiModule,
  CellStyleModule,
  TextFilterModule,
  NumberFilterModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

/**
 * The grid in the console's palette, read from the theme's CSS variables so dark, light and the
 * colour-blind palette apply without rebuilding the grid: dense rows, hairlines, no outer chrome.
 */
export const gridTheme = themeQuartz.withParams({
  backgroundColor: 'var(--color-panel)',
  foregroundColor: 'var(--color-fg)',
  textColor: 'var(--color-fg)',
  chromeBackgroundColor: 'var(--color-panel)',
  headerBackgroundColor: 'var(--color-panel)',
  headerTextColor: 'var(--color-muted)',
  headerFontSize: 12,
  headerFontWeight: 500,
  accentColor: 'var(--color-accent)',
  borderColor: 'var(--color-line)',
  rowHoverColor: 'var(--color-hover)',
  oddRowBackgroundColor: 'var(--color-panel)',
  menuBackgroundColor: 'var(--color-raised)',
  inputBackgroundColor: 'var(--color-bg)',
  fontFamily: 'inherit',
  fontSize: 12,
  rowHeight: 28,
  headerHeight: 30,
  spacing: 4,
  cellHorizontalPadding: 10,
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  borderRadius: 3,
  columnBorder: false,
  headerColumnBorder: false,
});
