export { renderCompareMarkdown, renderCompareHtml, cellText } from './compareReport.js';
export { html as escapeHtml, md as escapeMarkdown, num as formatNumber } from './escape.js';
