import {
  CellStyleModule,
  ClientSideRowModelModule,
  colorSchemeDark,
  ModuleRegistry,
  NumberFilterModule,
  TextFilterModule,
  themeQuartz,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

/** Only the grid features we use; dev builds add AG Grid's misconfiguration warnings. */
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  CellStyleModule,
  TextFilterModule,
  NumberFilterModule,
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

/** The grid in the console's dark palette: dense rows, hairlines, no outer chrome. */
export const gridTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#10141b',
  foregroundColor: '#d7dde6',
  chromeBackgroundColor: '#10141b',
  headerBackgroundColor: '#10141b',
  headerTextColor: '#8e98a8',
  headerFontSize: 12,
  headerFontWeight: 500,
  accentColor: '#4c8dff',
  borderColor: '#232a36',
  rowHoverColor: '#161b24',
  oddRowBackgroundColor: '#10141b',
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
  browserColorScheme: 'dark',
});
