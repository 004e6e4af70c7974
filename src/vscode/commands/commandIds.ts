/** Every command id Tokentier registers (declared in package.json › contributes.commands). */
export const enum CommandId {
  /** {@link ../commands/report.ts showCostReport} */
  showCostReport = 'tokentier.showCostReport',
  exportCostReport = 'tokentier.exportCostReport',
  openTierAdvisor = 'tokentier.openTierAdvisor',
  rescanWorkspace = 'tokentier.rescanWorkspace',
  toggleInlineHints = 'tokentier.toggleInlineHints',
  openPriceBook = 'tokentier.openPriceBook',
  openUsageAssumptions = 'tokentier.openUsageAssumptions',
  showLogs = 'tokentier.showLogs',
  compareWithBranch = 'tokentier.compareWithBranch',
  showSiteBreakdown = 'tokentier.showSiteBreakdown',
  /** Quick fix / lens action for an unknown model: writes an annotation or a usage-file entry. */
  setModel = 'tokentier.setModel',
  refreshTree = 'tokentier.refreshTree',
  filterTree = 'tokentier.filterTree',
  clearTreeFilter = 'tokentier.clearTreeFilter',
  sortTree = 'tokentier.sortTree',
  revealSite = 'tokentier.revealSite',
  /** {@link ./reconcileCommand.ts} Compares billed usage exports with the estimates; proposes usage-file entries. */
  reconcileUsage = 'tokentier.reconcileUsage',
}
