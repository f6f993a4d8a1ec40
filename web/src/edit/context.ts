/** What every screen of the editor gets: the two API clients, the map, navigation. */
import type { Api } from '../api';
import type { Banner } from '../panels/banner';
import type { EditorMap } from './editor-map';
import type { WorkspaceApi } from './workspace-api';

export interface EditorContext {
  ws: WorkspaceApi;
  /** The public API (places, versions, control): cached by URL like the viewer's. */
  api: Api;
  map: EditorMap;
  banner: Banner;
  /** Goes to a route of the editor (`#/drafts/3`); the screen is rebuilt. */
  go(route: string): void;
  /** An oblast's or raion's name from its code (the code until the regions have loaded). */
  regionName(code: string): string;
  /** The date (YYYY-MM-DD) of a published version, for its control tiles. */
  versionDate(id: number): Promise<string>;
  /** The latest public version (what `basedOn: 'latest'` and a rebase take). */
  latestVersion(): Promise<{ id: number; date: string }>;
}

/** One screen in the side column; `dispose` undoes what it did to the map. */
export interface Screen {
  element: HTMLElement;
  title: string;
  dispose?(): void;
}
