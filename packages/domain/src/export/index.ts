export { csvField, sanitizeCell, toCsv, toTsv, type CellValue } from './csv';
