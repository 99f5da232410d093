// Chooses a province, prefecture or county from the tree that parentCode draws.
import { type Jurisdiction, type Language, nameIn } from '@tuowei/shared';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** Nests jurisdictions under their parents; one whose parent is not listed becomes a root. */
export function jurisdictionTree(jurisdictions: readonly Jurisdiction[], language: Language): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const jurisdiction of jurisdictions) {
    nodes.set(jurisdiction.code, {
      value: jurisdiction.code,
      title: nameIn(jurisdiction, language),
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  for (const jurisdiction of jurisdictions) {
    const node = nodes.get(jurisdiction.code);
    if (!node) continue;
    const parent = jurisdiction.parentCode ? nodes.get(jurisdiction.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** A jurisdiction and everything under it; the whole list when the root is null (the country). */
export function subtreeOf(jurisdictions: readonly Jurisdiction[], root: string | null): Jurisdiction[] {
  if (root === null) return [...jurisdictions];
  const parentOf = new Map(jurisdictions.map((jurisdiction) => [jurisdiction.code, jurisdiction.parentCode]));
  const within = (code: string | null): boolean => {
    for (let current = code; current !== null; current = parentOf.get(current) ?? null) {
      if (current === root) return true;
    }
    return false;
  };
  return jurisdictions.filter((jurisdiction) => within(jurisdiction.code));
}

export interface JurisdictionPickerProps {
  id: string;
  jurisdictions: readonly Jurisdiction[];
  loading?: boolean;
  value: string | undefined;
  onChange: (code: string) => void;
  /** Offers only this jurisdiction and those under it (a person's scope); null offers all. */
  within?: string | null;
  /** Lets the person clear the choice (the audit trail's "everything in my scope"). */
  onClear?: () => void;
  placeholder?: string;
}

export function JurisdictionPicker(props: JurisdictionPickerProps) {
  const { id, jurisdictions, loading, value, onChange, within = null, onClear, placeholder } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const treeData = useMemo(
    () => jurisdictionTree(subtreeOf(jurisdictions, within), language),
    [jurisdictions, language, within],
  );

  return (
    <TreeSelect
      id={id}
      aria-label={t('progress.jurisdictionLabel')}
      style={{ minWidth: 280 }}
      treeData={treeData}
      value={value}
      loading={loading}
      placeholder={placeholder ?? t('progress.jurisdictionPlaceholder')}
      treeDefaultExpandAll
      showSearch
      allowClear={onClear !== undefined}
      treeNodeFilterProp="title"
      onChange={(code: string | undefined) => (code ? onChange(code) : onClear?.())}
    />
  );
}
