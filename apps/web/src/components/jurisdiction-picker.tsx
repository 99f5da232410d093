// Chooses a province, prefecture or county from the tree that parentCode draws, fetched a piece at
// a time: the provinces (or the person's own unit), the way down to the unit chosen, and a unit's
// children when it is opened; a name or code typed is searched by the API (the matches, each with
// its way down), never in the whole tree.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Jurisdiction, nameIn } from '@tuowei/shared';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import {
  jurisdictionChildrenQueryOptions,
  jurisdictionQueryOptions,
  jurisdictionSearchQueryOptions,
} from '../lib/jurisdiction-tree.ts';
import { useSettled } from '../lib/use-settled.ts';

export interface JurisdictionPickerProps {
  id: string;
  value: string | undefined;
  onChange: (code: string) => void;
  /** Offers only this jurisdiction and those under it (a person's scope); null offers all. */
  within?: string | null;
  /** Lets the person clear the choice (the audit trail's "everything in my scope"). */
  onClear?: () => void;
  placeholder?: string;
}

interface FlatNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

export function JurisdictionPicker(props: JurisdictionPickerProps) {
  const { id, value, onChange, within = null, onClear, placeholder } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const scope = useQuery({ ...jurisdictionQueryOptions(within ?? ''), enabled: within !== null });
  const chosen = useQuery({ ...jurisdictionQueryOptions(value ?? ''), enabled: value !== undefined });
  // the chosen unit's way down, from the scope's root on, is open so that it shows by name
  const chosenPath = useMemo(() => {
    const codes = chosen.data?.ancestors.map((unit) => unit.code) ?? [];
    return within === null ? codes : codes.slice(Math.max(0, codes.indexOf(within)));
  }, [chosen.data, within]);
  const parents = useMemo(
    () => [...new Set<string | null>([within, ...chosenPath.filter((code) => code !== within), ...opened])],
    [within, chosenPath, opened],
  );
  const children = useQueries({ queries: parents.map((parent) => jurisdictionChildrenQueryOptions(parent)) });
  // asked for once the typing pauses, not once per character
  const asked = useSettled(search.trim());
  const found = useQuery(jurisdictionSearchQueryOptions(asked, within));

  // rebuilt on each render: a few hundred nodes, or a search's matches and the units above them
  const treeData = ((): FlatNode[] => {
    const node = (unit: Jurisdiction): FlatNode => ({
      id: unit.code,
      pId: unit.parentCode,
      value: unit.code,
      title: nameIn(unit, language),
      isLeaf: unit.level === 'township',
    });
    // the matches of the text as typed now: while it settles, the tree (never an older text's matches)
    if (search.trim() !== '' && asked === search.trim() && found.data) {
      const units = new Map<string, Jurisdiction>();
      for (const match of found.data) {
        // the way down from the scope's root: above it, the person cannot choose
        const above = match.ancestors ?? [];
        const from = within === null ? 0 : above.findIndex((unit) => unit.code === within);
        for (const unit of from < 0 ? [] : above.slice(from)) units.set(unit.code, unit);
        units.set(match.code, match);
      }
      return [...units.values()].map(node);
    }
    const units = new Map<string, Jurisdiction>();
    if (within !== null && scope.data) units.set(scope.data.code, scope.data);
    for (const query of children) for (const unit of query.data ?? []) units.set(unit.code, unit);
    if (chosen.data && !units.has(chosen.data.code) && (within === null || chosenPath.length > 0)) {
      units.set(chosen.data.code, chosen.data);
    }
    return [...units.values()].map(node);
  })();

  const searching = search.trim() !== '';
  const loading =
    children.some((query) => query.isPending) || (searching && (asked !== search.trim() || found.isPending));
  return (
    <TreeSelect
      id={id}
      aria-label={t('progress.jurisdictionLabel')}
      style={{ minWidth: 280 }}
      treeDataSimpleMode
      treeData={treeData}
      value={value}
      loading={loading}
      placeholder={placeholder ?? t('progress.jurisdictionPlaceholder')}
      // controlled: a search opens every match's way down, even when the tree arrives after the typing
      treeExpandedKeys={searching ? treeData.map((node) => node.id) : (expanded ?? chosenPath)}
      onTreeExpand={(keys) => {
        if (!searching) setExpanded(keys.map(String));
      }}
      loadData={async (node) => {
        const code = String(node.value);
        await queryClient.fetchQuery(jurisdictionChildrenQueryOptions(code));
        setOpened((codes) => (codes.includes(code) ? codes : [...codes, code]));
      }}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      allowClear={onClear !== undefined}
      // the API has searched names and codes: every node given is shown
      filterTreeNode={false}
      onChange={(code: string | undefined) => {
        setSearch('');
        if (code) onChange(code);
        else onClear?.();
      }}
    />
  );
}
