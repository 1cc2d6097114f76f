import { ISSUES, PRODUCT_NAMES } from '../electron/core/seed/seed-knowledge-tables';
import { createRandom, pick } from './bench-stats';

const SEARCHES = 200;

/** Words of at least four letters in the articles' English titles and tags. */
function englishWords(): string[] {
  const text = [...ISSUES.flatMap((i) => [i.en, ...i.tags]), ...Object.values(PRODUCT_NAMES).map(([en]) => en)].join(' ');
  return [...new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? [])].filter((w) => !['does', 'with', 'after', 'during', 'from'].includes(w));
}

/** Chinese words that occur in the articles, as a rep types them (no spaces between words in Chinese). */
const CHINESE_WORDS = (
  '电池 同步 发票 税率 扫描 条码 安装 开机 登录 更新 报表 导出 超时 接口 许可证 席位 扣款 发货 物流 损坏 培训 改期 新员工 保修 序列号 ' +
  '合同 条款 字段 导入 固件 无线网络 证书 过热 关机 服务器 标签打印机 平板 扩展坞 传感器 库存云 路线规划 分析套件 移动表单 集成中心 ' +
  '数据迁移 现场培训 高级支持 延长保修 单点登录 管理员 诊断 温度 退货 海关 承运商 红字发票 免税 银行卡 授权 手持扫描器 耗电 缺件'
).split(' ');

/**
 * 200 different knowledge searches as reps type them: a third whole English words (one or two),
 * a third English prefixes of three to five letters, a third Chinese words (one or two). All different, so no
 * answer is served from a cache of an earlier one.
 */
export function knowledgeSearches(seed: number): string[] {
  const random = createRandom(seed);
  const english = englishWords();
  const out = new Set<string>();
  for (let i = 0; out.size < SEARCHES && i < SEARCHES * 100; i++) {
    const kind = i % 3;
    if (kind === 0) out.add(random() < 0.4 ? `${pick(random, english)} ${pick(random, english)}` : pick(random, english));
    else if (kind === 1) {
      const word = pick(random, english);
      out.add(word.slice(0, Math.min(word.length, 3 + Math.floor(random() * 3))));
    } else out.add(random() < 0.25 ? `${pick(random, CHINESE_WORDS)} ${pick(random, CHINESE_WORDS)}` : pick(random, CHINESE_WORDS));
  }
  return [...out];
}
