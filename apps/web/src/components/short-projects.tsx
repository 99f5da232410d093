// Under a norm on new residential areas: the projects short of it, each with its shortfall.
import type { ProgressView } from '@tuowei/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

export function ShortProjects({ target }: { target: ProgressView['targets'][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const short = target.residential?.nonCompliant ?? [];
  if (short.length === 0) return null;
  return (
    <div className="tuowei-secondary" data-testid="short-projects">
      {t('residential.shortProjects')}
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {short.map((project) => (
          <li key={project.id} data-testid="short-project">
            {t('residential.shortProject', {
              name: project.name,
              shortfall: format.integer(project.shortfall),
              required: format.integer(project.requiredPlaces),
              planned: format.integer(project.plannedPlaces),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
