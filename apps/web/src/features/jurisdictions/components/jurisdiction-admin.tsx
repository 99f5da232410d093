// The administrator's jurisdictions: the tree of their scope, and for the unit chosen its names,
// its units below (add one; the level follows the parent) and its populations by year.
import { PlusOutlined } from '@ant-design/icons';
import { CHILD_LEVEL, type Jurisdiction, type JurisdictionDetail, type Language, nameIn } from '@tuowei/shared';
import { Button, Card, Descriptions, Empty, Input, Skeleton, Space, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subtreeOf } from '../../../components/jurisdiction-picker.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useJurisdiction } from '../api/get-jurisdiction.ts';
import { useJurisdictions } from '../api/get-jurisdictions.ts';
import { JurisdictionDialog, type JurisdictionDialogMode } from './jurisdiction-dialog.tsx';
import { PopulationTable } from './population-table.tsx';
import '../../../components/admin-pages.css';
import { useLanguage } from '../../../i18n/use-language.ts';

interface TreeItem {
  key: string;
  title: string;
  children: TreeItem[];
}

/** The scope as a tree, keeping only units that match the search and the units above them. */
function treeOf(jurisdictions: readonly Jurisdiction[], language: Language, search: string): TreeItem[] {
  const query = search.trim().toLowerCase();
  const matches = (unit: Jurisdiction) =>
    query === '' || unit.code.includes(query) || unit.name.includes(query) || unit.nameEn.toLowerCase().includes(query);
  const byCode = new Map(jurisdictions.map((unit) => [unit.code, unit]));
  const kept = new Set<string>();
  for (const unit of jurisdictions) {
    if (!matches(unit)) continue;
    for (
      let code: string | null = unit.code;
      code !== null && byCode.has(code);
      code = byCode.get(code)?.parentCode ?? null
    ) {
      kept.add(code);
    }
  }
  const items = new Map<string, TreeItem>();
  for (const unit of jurisdictions) {
    if (!kept.has(unit.code)) continue;
    items.set(unit.code, {
      key: unit.code,
      title: `${nameIn(unit, language)} · ${unit.code}`,
      children: [],
    });
  }
  const roots: TreeItem[] = [];
  for (const unit of jurisdictions) {
    const item = items.get(unit.code);
    if (!item) continue;
    const parent = unit.parentCode ? items.get(unit.parentCode) : undefined;
    (parent ? parent.children : roots).push(item);
  }
  return roots;
}

/** Units a scope may have and still open whole at first (a province has up to some 200). */
const OPEN_AT_A_GLANCE = 300;

export interface JurisdictionAdminProps {
  /** The administrator's jurisdiction; null for the whole country. */
  scope: string | null;
  selected: string | undefined;
  onSelect: (code: string) => void;
}

export function JurisdictionAdmin({ scope, selected, onSelect }: JurisdictionAdminProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const jurisdictions = useJurisdictions();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<JurisdictionDialogMode | null>(null);

  const inScope = useMemo(() => subtreeOf(jurisdictions.data ?? [], scope), [jurisdictions.data, scope]);
  const tree = useMemo(() => treeOf(inScope, language, search), [inScope, language, search]);
  // a small scope (a prefecture, a province) open above its counties, so that it shows at a glance;
  // the country's 3,300 units open one province at a time
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const aboveCounties = inScope.filter((unit) => unit.level !== 'county' && unit.level !== 'township');
  const openKeys =
    search.trim() !== ''
      ? inScope.map((unit) => unit.code)
      : (expanded ?? (inScope.length <= OPEN_AT_A_GLANCE ? aboveCounties.map((unit) => unit.code) : []));

  if (jurisdictions.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (jurisdictions.isError) {
    return <QueryError error={jurisdictions.error} onRetry={() => void jurisdictions.refetch()} />;
  }

  return (
    <div className="tuowei-admin-split">
      <Card
        size="small"
        title={t('admin.jurisdictions.treeTitle')}
        extra={
          scope === null && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'add', parent: null })}
              data-testid="add-province"
            >
              {t('admin.jurisdictions.addProvince')}
            </Button>
          )
        }
      >
        <Input.Search
          allowClear
          placeholder={t('admin.jurisdictions.search')}
          aria-label={t('admin.jurisdictions.search')}
          onChange={(event) => setSearch(event.target.value)}
          style={{ marginBottom: 8 }}
        />
        <Tree
          aria-label={t('admin.jurisdictions.treeLabel')}
          treeData={tree}
          height={520}
          blockNode
          selectedKeys={selected ? [selected] : []}
          expandedKeys={openKeys}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => {
            if (keys[0] !== undefined) onSelect(String(keys[0]));
          }}
          data-testid="jurisdiction-tree"
        />
      </Card>
      {selected ? (
        <JurisdictionPanel
          code={selected}
          jurisdictions={jurisdictions.data}
          onAddChild={(parent) => setDialog({ kind: 'add', parent })}
          onRename={(unit) => setDialog({ kind: 'rename', unit })}
          onSelect={onSelect}
        />
      ) : (
        <Card>
          <Empty description={t('admin.jurisdictions.choose')} />
        </Card>
      )}
      <JurisdictionDialog
        mode={dialog}
        jurisdictions={jurisdictions.data}
        onClose={() => setDialog(null)}
        onSaved={(detail) => {
          setDialog(null);
          if (detail.parentCode) setExpanded((keys) => [...(keys ?? openKeys), detail.parentCode as string]);
          onSelect(detail.code);
        }}
      />
    </div>
  );
}

interface JurisdictionPanelProps {
  code: string;
  jurisdictions: readonly Jurisdiction[];
  onAddChild: (parent: JurisdictionDetail) => void;
  onRename: (unit: JurisdictionDetail) => void;
  onSelect: (code: string) => void;
}

function JurisdictionPanel({ code, jurisdictions, onAddChild, onRename, onSelect }: JurisdictionPanelProps) {
  const { t } = useTranslation();
  const { nameOf, nameOfCode } = useLanguage();
  const detail = useJurisdiction(code);

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card>
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }

  const unit = detail.data;
  const name = nameOf(unit);
  const childLevel = CHILD_LEVEL[unit.level];

  return (
    <Card
      data-testid="jurisdiction-panel"
      data-code={unit.code}
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
            {t(`level.${unit.level}`)} · {unit.code}
          </Typography.Text>
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Button onClick={() => onRename(unit)} data-testid="rename-jurisdiction">
            {t('admin.jurisdictions.rename')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={childLevel === null}
            title={childLevel === null ? t('admin.jurisdictions.noChildLevel') : undefined}
            onClick={() => onAddChild(unit)}
            data-testid="add-child"
          >
            {t('admin.jurisdictions.addChild')}
          </Button>
        </Space>
      }
    >
      <div className="tuowei-stack" style={{ gap: 24 }}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, lg: 2 }}
          items={[
            { key: 'name', label: t('admin.jurisdictions.name'), children: unit.name },
            { key: 'nameEn', label: t('admin.jurisdictions.nameEn'), children: unit.nameEn },
            { key: 'level', label: t('admin.jurisdictions.level'), children: t(`level.${unit.level}`) },
            {
              key: 'parent',
              label: t('admin.jurisdictions.parent'),
              children: unit.parentCode ? (
                <Typography.Link onClick={() => onSelect(unit.parentCode as string)}>
                  {nameOfCode(jurisdictions, unit.parentCode)}
                </Typography.Link>
              ) : (
                t('admin.jurisdictions.none')
              ),
            },
            {
              key: 'children',
              label: t('admin.jurisdictions.children'),
              span: 'filled',
              children:
                unit.children.length === 0 ? (
                  <Typography.Text type="secondary">
                    {childLevel === null ? t('admin.jurisdictions.noChildLevel') : t('admin.jurisdictions.noChildren')}
                  </Typography.Text>
                ) : (
                  <Space wrap size={[12, 4]}>
                    {unit.children.map((child) => (
                      <Typography.Link key={child} onClick={() => onSelect(child)}>
                        {nameOfCode(jurisdictions, child)}
                      </Typography.Link>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
        <PopulationTable unit={unit} />
      </div>
    </Card>
  );
}
