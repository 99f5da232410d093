// Country → province → prefecture → county: the way back up from a jurisdiction's page.
import type { Jurisdiction } from '@tuowei/shared';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../../../i18n/use-language.ts';

export interface JurisdictionBreadcrumbProps {
  /** The unit's way down from its province, the unit last (its detail's ancestors and itself). */
  path: readonly Jurisdiction[];
  code: string;
  period: string;
}

export function JurisdictionBreadcrumb({ path, code, period }: JurisdictionBreadcrumbProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const items = [
    {
      key: 'country',
      title: (
        <Link to={`/?period=${period}`} data-testid="breadcrumb-country">
          {t('dashboard.page.country')}
        </Link>
      ),
    },
    ...path.map((unit) => {
      const name = nameOf(unit);
      return {
        key: unit.code,
        title:
          unit.code === code ? (
            <span aria-current="page" data-testid={`breadcrumb-${unit.code}`}>
              {name}
            </span>
          ) : (
            <Link to={`/dashboard/${unit.code}?period=${period}`} data-testid={`breadcrumb-${unit.code}`}>
              {name}
            </Link>
          ),
      };
    }),
  ];
  // antd's Breadcrumb is a <nav> of its own: named here, it is the page's second navigation landmark
  return <Breadcrumb items={items} aria-label={t('dashboard.page.breadcrumbLabel')} data-testid="breadcrumb" />;
}
