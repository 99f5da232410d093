// The administrator's jurisdictions: the tree of their scope, opened a level at a time, and a
// search by name or code; for the unit chosen its names, its units below (add one; the level
// follows the parent) and its populations by year. Nothing here downloads the whole tree.
import { PlusOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { CHILD_LEVEL, type Jurisdiction, type JurisdictionDetail, type JurisdictionListed } from '@tuowei/shared';
import { Alert, Button, Card, Descriptions, Empty, type GetRef, Input, Skeleton, Space, Tree, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error.tsx';
import {
  jurisdictionChildrenQueryOptions,
  jurisdictionSearchQueryOptions,
  SEARCH_LIMIT,
} from '../../../lib/jurisdiction-tree.ts';
import { useSettled } from '../../../lib/use-settled.ts';
import { useJurisdiction } from '../api/get-jurisdiction.ts';
import { JurisdictionDialog, type JurisdictionDialogMode } from './jurisdiction-dialog.tsx';
import { PopulationTable } from './population-table.tsx';
import '../../../components/admin-pages.css';
import { useLanguage } from '../../../i18n/use-language.ts';

interface TreeItem {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: TreeItem[];
}

/** Nests the units fetched so far under their parents, from the roots given; a unit not opened has no children yet. */
function treeOf(
  roots: readonly Jurisdiction[],
  childrenOf: ReadonlyMap<string, readonly Jurisdiction[]>,
  name: (unit: Jurisdiction) => string,
): TreeItem[] {
  const item = (unit: Jurisdiction, depth: number): TreeItem => {
    const below = childrenOf.get(unit.code);
    return {
      key: unit.code,
      title: `${name(unit)} · ${unit.code}`,
      isLeaf: CHILD_LEVEL[unit.level] === null || below?.length === 0,
      children: below && depth < 4 ? below.map((child) => item(child, depth + 1)) : undefined,
    };
  };
  return roots.map((unit) => item(unit, 0));
}

const inTree = (items: readonly TreeItem[], key: string): boolean =>
  items.some((item) => item.key === key || inTree(item.children ?? [], key));

export interface JurisdictionAdminProps {
  /** The administrator's jurisdiction; null for the whole country. */
  scope: string | null;
  selected: string | undefined;
  onSelect: (code: string) => void;
}

export function JurisdictionAdmin({ scope, selected, onSelect }: JurisdictionAdminProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<JurisdictionDialogMode | null>(null);
  // the units opened by the person, and those opened to show a unit chosen from the search
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const scopeUnit = useJurisdiction(scope ?? undefined);
  const chosen = useJurisdiction(selected);
  // the chosen unit's way down from the scope, open so that it shows in its place
  const chosenPath = useMemo(() => {
    const codes = chosen.data?.ancestors.map((unit) => unit.code) ?? [];
    return scope === null ? codes : codes.slice(Math.max(0, codes.indexOf(scope)));
  }, [chosen.data, scope]);
  const openKeys = expanded ?? [...new Set([...(scope === null ? [] : [scope]), ...chosenPath])];
  // the country's provinces (or the scope's own unit) and the children of every unit open
  const parents = useMemo(
    () => [...new Set<string | null>([scope === null ? null : scope, ...openKeys])],
    [scope, openKeys],
  );
  const children = useQueries({ queries: parents.map((parent) => jurisdictionChildrenQueryOptions(parent)) });
  const childrenOf = new Map<string, readonly Jurisdiction[]>();
  parents.forEach((parent, index) => {
    const answer = children[index]?.data;
    if (parent !== null && answer) childrenOf.set(parent, answer);
  });
  const roots = scope === null ? (children[0]?.data ?? []) : scopeUnit.data ? [scopeUnit.data] : [];
  const tree = treeOf(roots, childrenOf, nameOf);
  // the tree draws only the rows in view: the unit chosen is scrolled to once its row is in the tree
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const selectedInTree = selected !== undefined && inTree(tree, selected);

  const query = useSettled(search.trim());
  const found = useQuery(jurisdictionSearchQueryOptions(query, scope));
  const rootsPending = scope === null ? children[0]?.isPending : scopeUnit.isPending;
  const rootsError = scope === null ? children[0]?.error : scopeUnit.error;

  const choose = (code: string, above: readonly Jurisdiction[] = []) => {
    // a unit found by the search: its way down opens, so that the tree shows it once the search is cleared
    if (above.length > 0) {
      setExpanded((keys) => [...new Set([...(keys ?? openKeys), ...above.map((unit) => unit.code)])]);
    }
    onSelect(code);
  };

  useEffect(() => {
    if (query === '' && selectedInTree && selected) treeRef.current?.scrollTo({ key: selected, align: 'auto' });
  }, [query, selectedInTree, selected]);

  if (rootsPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (rootsError) {
    return (
      <QueryError
        error={rootsError}
        onRetry={() => void (scope === null ? children[0]?.refetch() : scopeUnit.refetch())}
      />
    );
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
          data-testid="jurisdiction-search"
        />
        {query !== '' ? (
          <SearchResults
            query={query}
            scope={scope}
            found={found.data}
            // an older text's matches are not shown while the one typed now settles
            pending={found.isPending || query !== search.trim()}
            error={found.error}
            selected={selected}
            onChoose={choose}
          />
        ) : (
          <Tree
            ref={treeRef}
            aria-label={t('admin.jurisdictions.treeLabel')}
            treeData={tree}
            height={520}
            blockNode
            selectedKeys={selected ? [selected] : []}
            expandedKeys={openKeys}
            onExpand={(keys) => setExpanded(keys.map(String))}
            loadData={async (node) => {
              await queryClient.fetchQuery(jurisdictionChildrenQueryOptions(String(node.key)));
            }}
            onSelect={(keys) => {
              if (keys[0] !== undefined) onSelect(String(keys[0]));
            }}
            data-testid="jurisdiction-tree"
          />
        )}
      </Card>
      {selected ? (
        <JurisdictionPanel
          code={selected}
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
        onClose={() => setDialog(null)}
        onSaved={(detail) => {
          setDialog(null);
          if (detail.parentCode)
            setExpanded((keys) => [...new Set([...(keys ?? openKeys), detail.parentCode as string])]);
          onSelect(detail.code);
        }}
      />
    </div>
  );
}

interface SearchResultsProps {
  query: string;
  scope: string | null;
  found: readonly JurisdictionListed[] | undefined;
  pending: boolean;
  error: Error | null;
  selected: string | undefined;
  onChoose: (code: string, above: readonly Jurisdiction[]) => void;
}

/** The units the search found, each in its place under the units above it (within the scope), all open. */
function SearchResults({ query, scope, found, pending, error, selected, onChoose }: SearchResultsProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const { tree, keys, above } = useMemo(() => {
    const units = new Map<string, Jurisdiction>();
    const ancestorsOf = new Map<string, readonly Jurisdiction[]>();
    for (const match of found ?? []) {
      const line = match.ancestors ?? [];
      const from = scope === null ? 0 : line.findIndex((unit) => unit.code === scope);
      for (const unit of from < 0 ? [] : line.slice(from)) units.set(unit.code, unit);
      units.set(match.code, match);
      ancestorsOf.set(match.code, line);
    }
    const items = new Map<string, TreeItem & { children: TreeItem[] }>();
    for (const unit of units.values()) {
      items.set(unit.code, { key: unit.code, title: `${nameOf(unit)} · ${unit.code}`, isLeaf: true, children: [] });
    }
    const roots: TreeItem[] = [];
    for (const unit of units.values()) {
      const item = items.get(unit.code) as TreeItem;
      const parent = unit.parentCode ? items.get(unit.parentCode) : undefined;
      if (parent) {
        parent.children.push(item);
        parent.isLeaf = false;
      } else roots.push(item);
    }
    return { tree: roots, keys: [...units.keys()], above: ancestorsOf };
  }, [found, scope, nameOf]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (pending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (!found || found.length === 0) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.jurisdictions.searchNone', { q: query })} />
    );
  }
  return (
    <>
      <Tree
        aria-label={t('admin.jurisdictions.treeLabel')}
        treeData={tree}
        height={520}
        blockNode
        selectedKeys={selected ? [selected] : []}
        expandedKeys={keys}
        onSelect={(chosen) => {
          const code = chosen[0] === undefined ? undefined : String(chosen[0]);
          if (code !== undefined) onChoose(code, above.get(code) ?? []);
        }}
        data-testid="jurisdiction-search-results"
      />
      {found.length >= SEARCH_LIMIT && (
        <Typography.Text type="secondary">
          {t('admin.jurisdictions.searchMore', { shown: SEARCH_LIMIT })}
        </Typography.Text>
      )}
    </>
  );
}

interface JurisdictionPanelProps {
  code: string;
  onAddChild: (parent: JurisdictionDetail) => void;
  onRename: (unit: JurisdictionDetail) => void;
  onSelect: (code: string) => void;
}

function JurisdictionPanel({ code, onAddChild, onRename, onSelect }: JurisdictionPanelProps) {
  const { t } = useTranslation();
  const { nameOf, nameOfCode } = useLanguage();
  const detail = useJurisdiction(code);
  // the units below by name: this unit's children, not the tree
  const below = useQuery({
    ...jurisdictionChildrenQueryOptions(code),
    enabled: (detail.data?.children.length ?? 0) > 0,
  });

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
                  {nameOfCode(unit.ancestors, unit.parentCode)}
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
                        {nameOfCode(below.data, child)}
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
