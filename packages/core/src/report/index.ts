export { renderCompareMarkdown, renderCompareHtml, cellText } from './compareReport.js';
export { html as escapeHtml, md as escapeMarkdown, num as formatNumber } from './escape.js';
export {
  renderBrief,
  renderBriefMarkdown,
  renderBriefHtml,
  briefModel,
  publicScenario,
  type BriefAnalyses,
  type BriefOptions,
  type BriefModel,
  type BriefSection,
  type BriefBlock,
  type BriefSource,
} from './brief.js';
export {
  heatmapChart,
  heatmapCells,
  positionChart,
  forecastChart,
  trajectoryPoints,
  paretoChart,
  bargainingPoints,
  histogramChart,
  seatBarsChart,
  seatBars,
  tornadoChart,
  CHART_WIDTH,
  type ChartDocument,
  type HeatmapCell,
  type PositionRow,
  type TrajectoryPoint,
  type SeatBar,
  type TornadoChartBar,
} from './briefCharts.js';
export { conflictGraphSvg, conflictGraph, type ConflictGraph } from './briefCharts.js';
