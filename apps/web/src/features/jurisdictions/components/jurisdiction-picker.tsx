// Chooses a province, prefecture or county from the tree that parentCode draws.
import type { Jurisdiction } from '@tuowei/shared';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** Nests jurisdictions under their parents; one whose parent is not listed becomes a root. */
export function jurisdictionTree(jurisdictions: readonly Jurisdiction[], english: boolean): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const jurisdiction of jurisdictions) {
    nodes.set(jurisdiction.code, {
      value: jurisdiction.code,
      title: english ? jurisdiction.nameEn : jurisdiction.name,
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

export interface JurisdictionPickerProps {
  id: string;
  jurisdictions: readonly Jurisdiction[];
  loading?: boolean;
  value: string | undefined;
  onChange: (code: string) => void;
}

export function JurisdictionPicker({ id, jurisdictions, loading, value, onChange }: JurisdictionPickerProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const treeData = useMemo(() => jurisdictionTree(jurisdictions, english), [jurisdictions, english]);

  return (
    <TreeSelect
      id={id}
      aria-label={t('progress.jurisdictionLabel')}
      style={{ minWidth: 280 }}
      treeData={treeData}
      value={value}
      loading={loading}
      placeholder={t('progress.jurisdictionPlaceholder')}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      onChange={(code: string) => onChange(code)}
    />
  );
}
