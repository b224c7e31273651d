export { Feature, PackCode, PACKS, packsWithFeature } from './pack.catalog';
export { PackResolver } from './pack.resolver';
export { algiersPeriods, UsagePeriod } from './periods';
export { restQuotaMiddleware } from './quota.middleware';
export { quotaPlugin } from './quota.plugin';
export { QuotaService } from './quota.service';
export { UsageBuffer } from './usage-buffer';
export { UsageCounter } from './usage-counter.entity';
