import { useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { TypographyProps } from '@mui/material/Typography';

export interface ClippedTextProps extends Omit<TypographyProps, 'children' | 'title'> {
  text: string;
  /** The tooltip, when it should say more than the text (default: the text itself, when it is clipped). */
  title?: ReactNode;
  /** The element (a `span` inside a button, where a `p` may not go). */
  component?: 'p' | 'span' | 'div';
}

/**
 * One line that ellipsizes instead of wrapping (issue 10: long names and subjects must not break a table), with
 * the full text in a tooltip when it is clipped. The whole text stays in the DOM, so screen readers read it all.
 */
export default function ClippedText({ text, title, component = 'p', sx, ...rest }: ClippedTextProps) {
  const [clipped, setClipped] = useState(false);
  const measure = (e: SyntheticEvent<HTMLElement>) =>
    setClipped(e.currentTarget.scrollWidth > e.currentTarget.clientWidth);
  return (
    <Tooltip title={title ?? (clipped ? text : '')} describeChild>
      <Typography
        variant="body2"
        component={component}
        noWrap
        onMouseEnter={measure}
        onFocus={measure}
        sx={[{ display: 'block', minWidth: 0 }, ...(Array.isArray(sx) ? sx : [sx])]}
        {...rest}
      >
        {text}
      </Typography>
    </Tooltip>
  );
}
