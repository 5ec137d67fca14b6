import './i18n';

export { AnalyticsView } from './AnalyticsView';
export { KpiBoard, type KpiBoardProps } from './KpiBoard';
export { KpiTiles } from './KpiTiles';
export { SeriesChart, type SeriesChartProps } from './SeriesChart';
export { TensionList } from './TensionList';
