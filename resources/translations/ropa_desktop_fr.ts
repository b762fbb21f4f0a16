<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActivityColumns</name>
    <message>
        <location filename="../../ropa_desktop/gui/activity_list.py" line="74"/>
        <source>Legal bases</source>
        <translation>Bases légales</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/activity_list.py" line="86"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/activity_list.py" line="92"/>
        <source>Completeness</source>
        <translation>Complétude</translation>
    </message>
</context>
<context>
    <name>ActivityForm</name>
    <message>
        <location filename="../../ropa_desktop/gui/form/activity_form.py" line="233"/>
        <source>(untitled activity)</source>
        <translation>(activité sans titre)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/activity_form.py" line="338"/>
        <source>Mark reviewed</source>
        <translation>Marquer comme revue</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/activity_form.py" line="340"/>
        <source>Record a review today and propose the next one in 12 months</source>
        <translation>Enregistrer une revue aujourd&apos;hui et proposer la suivante dans 12 mois</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/activity_form.py" line="342"/>
        <source>Identification</source>
        <translation>Identification</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/activity_form.py" line="343"/>
        <source>Impact assessment, automated decisions and notes</source>
        <translation>Analyse d&apos;impact, décisions automatisées et notes</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/scalar_fields.py" line="41"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/scalar_fields.py" line="42"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>ActivityListPane</name>
    <message>
        <location filename="../../ropa_desktop/gui/list_pane.py" line="572"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/list_pane.py" line="576"/>
        <source>All legal bases</source>
        <translation>Toutes les bases légales</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/list_pane.py" line="585"/>
        <source>No activity matches</source>
        <translation>Aucune activité ne correspond</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="95"/>
        <location filename="../../ropa_desktop/gui/application.py" line="120"/>
        <location filename="../../ropa_desktop/gui/application.py" line="162"/>
        <source>Cannot open the register</source>
        <translation>Impossible d&apos;ouvrir le registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="99"/>
        <source>Register already open</source>
        <translation>Registre déjà ouvert</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="100"/>
        <source>Register on read-only media</source>
        <translation>Registre sur un support en lecture seule</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="101"/>
        <source>Register on a network share</source>
        <translation>Registre sur un partage réseau</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="107"/>
        <source>Open it read-only? You will be able to read and export it, not change it.</source>
        <translation>L&apos;ouvrir en lecture seule ? Vous pourrez le consulter et l&apos;exporter, mais pas le modifier.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="130"/>
        <source>New register</source>
        <translation>Nouveau registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="131"/>
        <source>Create a new, empty register there?</source>
        <translation>Y créer un nouveau registre vide ?</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="142"/>
        <source>Register locked</source>
        <translation>Registre verrouillé</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="146"/>
        <source>Break the lock of %1 (since %2)</source>
        <translation>Forcer le verrou de %1 (depuis %2)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="151"/>
        <source>Open read-only</source>
        <translation>Ouvrir en lecture seule</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="170"/>
        <source>Damaged register</source>
        <translation>Registre endommagé</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="172"/>
        <source>No backup of this register is available.</source>
        <translation>Aucune sauvegarde de ce registre n&apos;est disponible.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="175"/>
        <source>Restore the latest backup, %1? The damaged file is kept beside it.</source>
        <translation>Restaurer la dernière sauvegarde, %1 ? Le fichier endommagé est conservé à côté.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/application.py" line="196"/>
        <source>Cannot open the team register</source>
        <translation>Impossible d&apos;ouvrir le registre d&apos;équipe</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="57"/>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="69"/>
        <source>Column mapping</source>
        <translation>Correspondance des colonnes</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="60"/>
        <source>Choose the field each column fills; a column not imported is named in the review.</source>
        <translation>Choisissez le champ que remplit chaque colonne ; une colonne non importée est signalée dans la revue.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="71"/>
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="72"/>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="73"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="88"/>
        <source>Field for column %1</source>
        <translation>Champ de la colonne %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/column_mapping.py" line="90"/>
        <source>(not imported)</source>
        <translation>(non importée)</translation>
    </message>
</context>
<context>
    <name>ConflictReviewDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="28"/>
        <source>Someone else changed this activity</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cette activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="29"/>
        <source>Value saved by %1</source>
        <translation>Valeur enregistrée par %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="30"/>
        <source>Your value</source>
        <translation>Votre valeur</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="31"/>
        <source>Field changed by both</source>
        <translation>Champ modifié des deux côtés</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="31"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="37"/>
        <source>Save the chosen values</source>
        <translation>Enregistrer les valeurs choisies</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="38"/>
        <source>Keep all of theirs</source>
        <translation>Garder toutes les leurs</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="39"/>
        <source>Keep all of mine</source>
        <translation>Garder toutes les miennes</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="48"/>
        <source>%n field(s) were changed both by you and by someone else since you opened this activity. Ticked: your value is saved; unticked: theirs is kept. Your other changes are saved as they are.</source>
        <translation>
            <numerusform>%n champ a été modifié à la fois par vous et par quelqu&apos;un d&apos;autre depuis que vous avez ouvert cette activité. Coché : votre valeur est enregistrée ; décoché : la sienne est conservée. Vos autres modifications sont enregistrées telles quelles.</numerusform>
            <numerusform>%n champs ont été modifiés à la fois par vous et par quelqu&apos;un d&apos;autre depuis que vous avez ouvert cette activité. Coché : votre valeur est enregistrée ; décoché : la sienne est conservée. Vos autres modifications sont enregistrées telles quelles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="341"/>
        <source>Connection to the server lost — your edit is kept and will be saved when it is back.</source>
        <translation>Connexion au serveur perdue — votre modification est conservée et sera enregistrée à son retour.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="343"/>
        <source>Connection to the server lost — the register is read-only until it is back (trying again).</source>
        <translation>Connexion au serveur perdue — le registre est en lecture seule jusqu&apos;à son retour (nouvel essai en cours).</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../ropa_desktop/gui/form/date_field.py" line="111"/>
        <source>“%1” is not a date: nothing was saved. Type it as %2 or %3.</source>
        <translation>« %1 » n&apos;est pas une date : rien n&apos;a été enregistré. Saisissez-la sous la forme %2 ou %3.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/date_field.py" line="170"/>
        <source>Not a date. Type it as %1 or %2.</source>
        <translation>Ce n&apos;est pas une date. Saisissez-la sous la forme %1 ou %2.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/date_field.py" line="204"/>
        <source>Choose in a calendar</source>
        <translation>Choisir dans un calendrier</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="76"/>
        <location filename="../../ropa_desktop/gui/editing.py" line="209"/>
        <location filename="../../ropa_desktop/gui/editing.py" line="264"/>
        <source>Edit “%1”</source>
        <translation>Modifier « %1 »</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="85"/>
        <source>New activity</source>
        <translation>Nouvelle activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="88"/>
        <location filename="../../ropa_desktop/gui/editing.py" line="225"/>
        <location filename="../../ropa_desktop/gui/organizations.py" line="153"/>
        <source>(copy)</source>
        <translation>(copie)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="91"/>
        <source>Duplicate activity</source>
        <translation>Dupliquer l&apos;activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="117"/>
        <source>Delete activity</source>
        <translation>Supprimer l&apos;activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="126"/>
        <source>Edit organisation</source>
        <translation>Modifier l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="137"/>
        <source>New organisation</source>
        <translation>Nouvel organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="150"/>
        <source>Rename organisation</source>
        <translation>Renommer l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="161"/>
        <source>Duplicate organisation</source>
        <translation>Dupliquer l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="170"/>
        <source>Delete organisation</source>
        <translation>Supprimer l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="184"/>
        <source>New recipient</source>
        <translation>Nouveau destinataire</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="186"/>
        <source>Edit recipient</source>
        <translation>Modifier le destinataire</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="195"/>
        <source>Delete recipient</source>
        <translation>Supprimer le destinataire</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="221"/>
        <source>New processing for clients</source>
        <translation>Nouveau traitement pour des clients</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="228"/>
        <source>Duplicate processing</source>
        <translation>Dupliquer le traitement</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="249"/>
        <source>Delete processing</source>
        <translation>Supprimer le traitement</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="261"/>
        <source>New client</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="276"/>
        <source>Delete client</source>
        <translation>Supprimer le client</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/editing.py" line="282"/>
        <source>Edit the general security measures</source>
        <translation>Modifier les mesures de sécurité générales</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/commands.py" line="133"/>
        <source>Someone else has deleted this activity.</source>
        <translation>Quelqu&apos;un d&apos;autre a supprimé cette activité.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/commands.py" line="137"/>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/commands.py" line="139"/>
        <source>Cannot undo: someone else has changed %1 since your edit. Their value is kept.</source>
        <translation>Annulation impossible : quelqu&apos;un d&apos;autre a modifié %1 depuis votre modification. Sa valeur est conservée.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="156"/>
        <source>register</source>
        <translation>registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="177"/>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="179"/>
        <source>%1 files (*%2)</source>
        <translation>Fichiers %1 (*%2)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="206"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="207"/>
        <source>PDF (for auditors and the CNIL)</source>
        <translation>PDF (pour l&apos;audit et la CNIL)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="208"/>
        <source>XLSX spreadsheet (for counsel)</source>
        <translation>Classeur XLSX (pour le conseil)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="209"/>
        <source>JSON (complete, for exchange and backup)</source>
        <translation>JSON (complet, pour échange et sauvegarde)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="211"/>
        <source>Full</source>
        <translation>Complet</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="212"/>
        <source>Public (without internal notes and DPO-only fields)</source>
        <translation>Public (sans notes internes ni champs réservés au DPO)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="213"/>
        <source>Current organisation</source>
        <translation>Organisme courant</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="214"/>
        <source>All organisations (one file each)</source>
        <translation>Tous les organismes (un fichier chacun)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="215"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="216"/>
        <source>Open when done</source>
        <translation>Ouvrir à la fin de l&apos;export</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="217"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="218"/>
        <source>Format:</source>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="218"/>
        <source>Organisations:</source>
        <translation>Organismes :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="218"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="219"/>
        <source>Profile:</source>
        <translation>Profil :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="219"/>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/export.py" line="219"/>
        <source>Files written:</source>
        <translation>Fichiers écrits :</translation>
    </message>
</context>
<context>
    <name>FieldDelegate</name>
    <message>
        <location filename="../../ropa_desktop/gui/form/delegates.py" line="286"/>
        <source>New recipient…</source>
        <translation>Nouveau destinataire…</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="44"/>
        <source>ROPA Desktop registers (*%1)</source>
        <translation>Registres ROPA Desktop (*%1)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="48"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="65"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="72"/>
        <source>New register file</source>
        <translation>Nouveau fichier de registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="73"/>
        <source>%1 already exists: choose another name.</source>
        <translation>%1 existe déjà : choisissez un autre nom.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="83"/>
        <source>Open register file</source>
        <translation>Ouvrir un fichier de registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="97"/>
        <source>(no recent files)</source>
        <translation>(aucun fichier récent)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="102"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="113"/>
        <source>Save a copy as</source>
        <translation>Enregistrer une copie sous</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="116"/>
        <source>Copy saved to %1</source>
        <translation>Copie enregistrée dans %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="409"/>
        <source>The import failed: %1</source>
        <translation>L&apos;import a échoué : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="417"/>
        <source>Applying the changes…</source>
        <translation>Application des modifications…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="476"/>
        <source>You can undo the import with Ctrl+Z.</source>
        <translation>Vous pouvez annuler l&apos;import avec Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="124"/>
        <source>New recipient</source>
        <translation>Nouveau destinataire</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="125"/>
        <source>Name of the recipient:</source>
        <translation>Nom du destinataire :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="141"/>
        <source>About ROPA Desktop</source>
        <translation>À propos de ROPA Desktop</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="142"/>
        <source>ROPA Desktop %1
The record of processing activities (GDPR Article 30).</source>
        <translation>ROPA Desktop %1
Le registre des activités de traitement (RGPD, article 30).</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="160"/>
        <source>Not available in this version</source>
        <translation>Non disponible dans cette version</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="194"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="205"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="188"/>
        <source>Exported to %1</source>
        <translation>Exporté dans %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="206"/>
        <source>The export failed: %1</source>
        <translation>L&apos;export a échoué : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="212"/>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="195"/>
        <source>Warnings:</source>
        <translation>Avertissements :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="234"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="284"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="320"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="373"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="408"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="432"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="484"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="236"/>
        <source>Registers (*.json *.xlsx *.ods);;All files (*)</source>
        <translation>Registres (*.json *.xlsx *.ods);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="285"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="321"/>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="433"/>
        <source>The file cannot be imported: %1</source>
        <translation>Le fichier ne peut pas être importé : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="290"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/file_actions.py" line="374"/>
        <source>The file holds no change to the register.</source>
        <translation>Le fichier n’apporte aucune modification au registre.</translation>
    </message>
</context>
<context>
    <name>FindingsDock</name>
    <message>
        <location filename="../../ropa_desktop/gui/findings_dock.py" line="156"/>
        <location filename="../../ropa_desktop/gui/findings_dock.py" line="202"/>
        <source>(untitled activity)</source>
        <translation>(activité sans titre)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/findings_dock.py" line="158"/>
        <source>Organisation: %1</source>
        <translation>Organisme : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/findings_dock.py" line="251"/>
        <source>As processor: %1</source>
        <translation>En tant que sous-traitant : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/findings_dock.py" line="254"/>
        <source>Client: %1</source>
        <translation>Client : %1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="37"/>
        <source>History of “%1”</source>
        <translation>Historique de « %1 »</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="47"/>
        <source>When, who, field</source>
        <translation>Quand, qui, champ</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="47"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="47"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="71"/>
        <source>This line&apos;s content was written by the session and differs from what the server recorded; the server&apos;s record is shown.</source>
        <translation>Le contenu de cette ligne a été écrit par la session et diffère de ce que le serveur a enregistré ;
l&apos;enregistrement du serveur est affiché.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="85"/>
        <source>%n change(s) recorded in the register&apos;s audit log, newest first.</source>
        <translation>
            <numerusform>%n modification enregistrée dans le journal d&apos;audit du registre, la plus récente en premier.</numerusform>
            <numerusform>%n modifications enregistrées dans le journal d&apos;audit du registre, les plus récentes en premier.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="86"/>
        <source>Nothing recorded yet.</source>
        <translation>Rien d&apos;enregistré pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="90"/>
        <source>created</source>
        <translation>créée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="92"/>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="94"/>
        <source>no change recorded</source>
        <translation>aucune modification enregistrée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="96"/>
        <source>saved, no field changed (its place in the list)</source>
        <translation>enregistrée, aucun champ modifié (sa place dans la liste)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="97"/>
        <source>changed %n field(s)</source>
        <translation>
            <numerusform>%n champ modifié</numerusform>
            <numerusform>%n champs modifiés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="153"/>
        <source>History…</source>
        <translation>Historique…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="154"/>
        <source>Who changed what and when, from the register&apos;s audit log</source>
        <translation>Qui a modifié quoi et quand, d&apos;après le journal d&apos;audit du registre</translation>
    </message>
</context>
<context>
    <name>ImportReviewDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="86"/>
        <source>Review the import</source>
        <translation>Revoir l’import</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="91"/>
        <source>Import into:</source>
        <translation>Importer dans :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="94"/>
        <source>The organisation named in the file</source>
        <translation>L&apos;organisme nommé dans le fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="96"/>
        <source>(unnamed organisation)</source>
        <translation>(organisme sans nom)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="110"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="110"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="110"/>
        <location filename="../../ropa_desktop/gui/import_review.py" line="124"/>
        <source>Current value</source>
        <translation>Valeur actuelle</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="110"/>
        <location filename="../../ropa_desktop/gui/import_review.py" line="125"/>
        <source>Value in the file</source>
        <translation>Valeur dans le fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="114"/>
        <source>Proposed changes</source>
        <translation>Modifications proposées</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="128"/>
        <source>Problems found in the file:</source>
        <translation>Problèmes relevés dans le fichier :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="133"/>
        <source>Problems found in the file</source>
        <translation>Problèmes relevés dans le fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="138"/>
        <source>Select all</source>
        <translation>Tout sélectionner</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="139"/>
        <source>Select none</source>
        <translation>Ne rien sélectionner</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="143"/>
        <location filename="../../ropa_desktop/gui/import_review.py" line="208"/>
        <source>Use the other cell&apos;s value</source>
        <translation>Prendre la valeur de l&apos;autre cellule</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="149"/>
        <source>Apply selected changes</source>
        <translation>Appliquer les modifications sélectionnées</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="207"/>
        <source>Use the value of %1</source>
        <translation>Prendre la valeur de %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="253"/>
        <source>New organisation</source>
        <translation>Nouvel organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="254"/>
        <location filename="../../ropa_desktop/gui/import_review.py" line="341"/>
        <source>New activity</source>
        <translation>Nouvelle activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="255"/>
        <source>Not in the file: remove from the register</source>
        <translation>Absente du fichier : retirer du registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="256"/>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="257"/>
        <source>Organisation changed</source>
        <translation>Organisme modifié</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="258"/>
        <source>New recipient (processor statement)</source>
        <translation>Nouveau destinataire (déclaration du sous-traitant)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="259"/>
        <source>Recipient changed (processor statement)</source>
        <translation>Destinataire modifié (déclaration du sous-traitant)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="260"/>
        <source>New client (as processor)</source>
        <translation>Nouveau client (en tant que sous-traitant)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="261"/>
        <source>Client changed (as processor)</source>
        <translation>Client modifié (en tant que sous-traitant)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="262"/>
        <source>Client not in the file: remove from the register</source>
        <translation>Client absent du fichier : le retirer du registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="263"/>
        <source>New processing for clients</source>
        <translation>Nouveau traitement pour le compte de clients</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="264"/>
        <source>Processing for clients changed</source>
        <translation>Traitement pour le compte de clients modifié</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="265"/>
        <source>Processing for clients not in the file: remove from the register</source>
        <translation>Traitement pour le compte de clients absent du fichier : le retirer du registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="271"/>
        <source>Conflict: this reference appears several times in the file</source>
        <translation>Conflit : cette référence apparaît plusieurs fois dans le fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="272"/>
        <source>Conflict: this id belongs to another organisation&apos;s activity</source>
        <translation>Conflit : cet identifiant appartient à une activité d&apos;un autre organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="273"/>
        <source>Conflict: this statement is older than the one already recorded</source>
        <translation>Conflit : cette déclaration est plus ancienne que celle déjà enregistrée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="274"/>
        <source>Conflict: edited differently in two places of the workbook</source>
        <translation>Conflit : modifié différemment à deux endroits du classeur</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="275"/>
        <source>Conflict: changed in the register after this file was exported</source>
        <translation>Conflit : modifié dans le registre après l&apos;export de ce fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="276"/>
        <source>Conflict: deleted in the register since this file was exported</source>
        <translation>Conflit : supprimé du registre depuis l&apos;export de ce fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="277"/>
        <source>Left empty in the file: the register&apos;s value is kept unless you tick it</source>
        <translation>Laissé vide dans le fichier : la valeur du registre est conservée, sauf si vous cochez</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/import_review.py" line="340"/>
        <source>%n activity(ies)</source>
        <translation>
            <numerusform>%n activité</numerusform>
            <numerusform>%n activités</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/import_review.py" line="341"/>
        <source>(untitled activity)</source>
        <translation>(activité sans titre)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/import_review.py" line="368"/>
        <source>%n change(s) found in the file</source>
        <translation>
            <numerusform>%n modification trouvée dans le fichier</numerusform>
            <numerusform>%n modifications trouvées dans le fichier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/import_review.py" line="370"/>
        <source>%n selected</source>
        <translation>
            <numerusform>%n sélectionnée</numerusform>
            <numerusform>%n sélectionnées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="242"/>
        <source>Undo %1</source>
        <translation>Annuler : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="242"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="247"/>
        <source>Redo %1</source>
        <translation>Rétablir : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="247"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="298"/>
        <source>(unnamed organisation)</source>
        <translation>(organisme sans nom)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/window_dialogs.py" line="23"/>
        <source>(untitled activity)</source>
        <translation>(activité sans titre)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/window_dialogs.py" line="27"/>
        <source>Delete activity</source>
        <translation>Supprimer l&apos;activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/window_dialogs.py" line="28"/>
        <source>Delete the activity “%1”? You can undo this with Ctrl+Z.</source>
        <translation>Supprimer l&apos;activité « %1 » ? Vous pourrez annuler avec Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/window_dialogs.py" line="68"/>
        <source>Register file</source>
        <translation>Fichier du registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/roles.py" line="41"/>
        <source>Read-only while the server is away.</source>
        <translation>Lecture seule tant que le serveur est injoignable.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/controller.py" line="47"/>
        <source>Connected to the server again.</source>
        <translation>De nouveau connecté au serveur.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="499"/>
        <source>team register, %1</source>
        <translation>registre d&apos;équipe, %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="501"/>
        <source>(read-only)</source>
        <translation>(lecture seule)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="520"/>
        <source>Open team register…</source>
        <translation>Ouvrir un registre d&apos;équipe…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="521"/>
        <source>Open a register shared on a PostgreSQL server</source>
        <translation>Ouvrir un registre partagé sur un serveur PostgreSQL</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="522"/>
        <source>Register as controller</source>
        <translation>Registre du responsable</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="523"/>
        <source>As processor</source>
        <translation>En tant que sous-traitant</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/main_window.py" line="526"/>
        <source>The register of the processing carried out on behalf of clients (GDPR Art. 30(2))</source>
        <translation>Le registre des traitements effectués pour le compte de clients (RGPD art. 30(2))</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="31"/>
        <source>Organisation:</source>
        <translation>Organisme :</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="45"/>
        <source>Organisation details</source>
        <translation>Fiche de l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="52"/>
        <source>Search all activities (Ctrl+F)</source>
        <translation>Rechercher dans toutes les activités (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="61"/>
        <source>Show only activities with this status</source>
        <translation>N&apos;afficher que les activités de ce statut</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="66"/>
        <source>Show only activities with a purpose on this legal basis</source>
        <translation>N&apos;afficher que les activités ayant une finalité sur cette base légale</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="86"/>
        <source>With transfers</source>
        <translation>Avec transferts</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="91"/>
        <source>With sensitive data</source>
        <translation>Avec données sensibles</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="96"/>
        <source>With findings</source>
        <translation>Avec constats</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="128"/>
        <source>Select an activity in the list, or create one with Ctrl+N.</source>
        <translation>Sélectionnez une activité dans la liste, ou créez-en une avec Ctrl+N.</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="154"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="156"/>
        <source>&amp;Recent files</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="159"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="175"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="188"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisme</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="195"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="204"/>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="225"/>
        <source>&amp;New register file…</source>
        <translation>&amp;Nouveau fichier de registre…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="230"/>
        <source>&amp;Open register file…</source>
        <translation>&amp;Ouvrir un fichier de registre…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="233"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="238"/>
        <source>Save a &amp;copy as…</source>
        <translation>Enregistrer une &amp;copie sous…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="241"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="246"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="249"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="254"/>
        <source>Spreadsheet (&amp;XLSX)…</source>
        <translation>Classeur (&amp;XLSX)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="259"/>
        <source>&amp;PDF report…</source>
        <translation>Rapport &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="264"/>
        <source>&amp;JSON…</source>
        <translation>&amp;JSON…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="269"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="272"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="277"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="280"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="285"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="288"/>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="293"/>
        <source>&amp;New activity</source>
        <translation>&amp;Nouvelle activité</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="296"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="301"/>
        <source>&amp;Duplicate activity</source>
        <translation>&amp;Dupliquer l&apos;activité</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="304"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="309"/>
        <source>De&amp;lete activity…</source>
        <translation>&amp;Supprimer l&apos;activité…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="312"/>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="317"/>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="320"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="325"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="330"/>
        <source>&amp;Organisation details…</source>
        <translation>&amp;Fiche de l&apos;organisme…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="335"/>
        <source>New &amp;organisation…</source>
        <translation>Nouvel &amp;organisme…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="340"/>
        <source>&amp;Recipients catalogue…</source>
        <translation>&amp;Catalogue des destinataires…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="345"/>
        <source>&amp;About ROPA Desktop</source>
        <translation>&amp;À propos de ROPA Desktop</translation>
    </message>
</context>
<context>
    <name>OpenTeamDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="19"/>
        <source>Open a team register</source>
        <translation>Ouvrir un registre d&apos;équipe</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="22"/>
        <source>A register shared on a PostgreSQL server. Its administrator gives you the address; every change you make is saved on the server and seen by the others at once.</source>
        <translation>Un registre partagé sur un serveur PostgreSQL. Son administrateur vous en donne l&apos;adresse ; chaque modification est enregistrée sur le serveur et vue aussitôt par les autres.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="34"/>
        <source>from PGPASSWORD or ~/.pgpass when left empty</source>
        <translation>pris dans PGPASSWORD ou ~/.pgpass si vide</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="35"/>
        <source>Server address:</source>
        <translation>Adresse du serveur :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="36"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="38"/>
        <source>The password is kept in memory while the register is open, never saved.</source>
        <translation>Le mot de passe est gardé en mémoire tant que le registre est ouvert, jamais enregistré.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/open_dialog.py" line="63"/>
        <source>The address starts with postgresql://</source>
        <translation>L&apos;adresse commence par postgresql://</translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <location filename="../../forms/organization_dialog.ui" line="7"/>
        <source>Organisation</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <location filename="../../forms/organization_dialog.ui" line="12"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location filename="../../forms/organization_dialog.ui" line="141"/>
        <source>Head of the organisation</source>
        <translation>Responsable de l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../forms/organization_dialog.ui" line="145"/>
        <source>EU representative</source>
        <translation>Représentant dans l’UE</translation>
    </message>
    <message>
        <location filename="../../forms/organization_dialog.ui" line="149"/>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
</context>
<context>
    <name>Organizations</name>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="40"/>
        <source>Re&amp;name organisation…</source>
        <translation>Re&amp;nommer l&apos;organisme…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="41"/>
        <source>D&amp;uplicate organisation…</source>
        <translation>D&amp;upliquer l&apos;organisme…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="42"/>
        <source>De&amp;lete organisation…</source>
        <translation>Supprimer l&apos;or&amp;ganisme…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="54"/>
        <source>This register has no organisation yet. Create the organisation whose register this is.</source>
        <translation>Ce registre ne contient encore aucun organisme. Créez l&apos;organisme dont c&apos;est le registre.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="59"/>
        <source>Create the first organisation…</source>
        <translation>Créer le premier organisme…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="64"/>
        <source>The activity “%1” is hidden by the search or the quick filters.</source>
        <translation>L’activité « %1 » est masquée par la recherche ou les filtres rapides.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="68"/>
        <source>Clear the search and filters</source>
        <translation>Effacer la recherche et les filtres</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="71"/>
        <source>Select an activity in the list, or create one with Ctrl+N.</source>
        <translation>Sélectionnez une activité dans la liste, ou créez-en une avec Ctrl+N.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="75"/>
        <source>This organisation has no activity yet.</source>
        <translation>Cet organisme n&apos;a encore aucune activité.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="77"/>
        <source>New activity</source>
        <translation>Nouvelle activité</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="117"/>
        <source>New organisation</source>
        <translation>Nouvel organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="118"/>
        <source>Name of the organisation:</source>
        <translation>Nom de l&apos;organisme :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="137"/>
        <source>Rename organisation</source>
        <translation>Renommer l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="138"/>
        <source>New name of the organisation:</source>
        <translation>Nouveau nom de l&apos;organisme :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="156"/>
        <source>Duplicate organisation</source>
        <translation>Dupliquer l&apos;organisme</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="157"/>
        <source>Name of the copy:</source>
        <translation>Nom de la copie :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="176"/>
        <source>Delete the organisation “%1”?</source>
        <translation>Supprimer l’organisme « %1 » ?</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="180"/>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Vous pouvez annuler avec Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/organizations.py" line="184"/>
        <source>Delete organisation</source>
        <translation>Supprimer l&apos;organisme</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="14"/>
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n constat</numerusform>
            <numerusform>%n constats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="17"/>
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="20"/>
        <source>%n edit(s) waiting for the server</source>
        <translation>
            <numerusform>%n modification en attente du serveur</numerusform>
            <numerusform>%n modifications en attente du serveur</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="23"/>
        <source>Findings (%n)</source>
        <translation>
            <numerusform>Constats (%n)</numerusform>
            <numerusform>Constats (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="26"/>
        <source>Errors (%n)</source>
        <translation>
            <numerusform>Erreurs (%n)</numerusform>
            <numerusform>Erreurs (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="29"/>
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>Avertissements (%n)</numerusform>
            <numerusform>Avertissements (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="32"/>
        <source>Information (%n)</source>
        <translation>
            <numerusform>Informations (%n)</numerusform>
            <numerusform>Informations (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="35"/>
        <source>Import (%n change(s))</source>
        <translation>
            <numerusform>Importer (%n modification)</numerusform>
            <numerusform>Importer (%n modifications)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="38"/>
        <source>%n change(s) applied.</source>
        <translation>
            <numerusform>%n modification appliquée.</numerusform>
            <numerusform>%n modifications appliquées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="41"/>
        <source>Activities added or changed (%n):</source>
        <translation>
            <numerusform>Activité ajoutée ou modifiée (%n) :</numerusform>
            <numerusform>Activités ajoutées ou modifiées (%n) :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="45"/>
        <source>It goes with %n activity(ies)</source>
        <translation>
            <numerusform>Il emporte avec lui %n activité</numerusform>
            <numerusform>Il emporte avec lui %n activités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="47"/>
        <source>and %n recipient(s) of its catalogue.</source>
        <translation>
            <numerusform>et %n destinataire de son catalogue.</numerusform>
            <numerusform>et %n destinataires de son catalogue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../forms/preferences_dialog.ui" line="6"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../forms/preferences_dialog.ui" line="12"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../forms/preferences_dialog.ui" line="23"/>
        <source>&amp;Display name:</source>
        <translation>&amp;Nom affiché :</translation>
    </message>
    <message>
        <location filename="../../forms/preferences_dialog.ui" line="31"/>
        <source>e.g. Alice Martin, DPO</source>
        <translation>p. ex. Alice Martin, DPO</translation>
    </message>
    <message>
        <location filename="../../forms/preferences_dialog.ui" line="38"/>
        <source>The new language applies at once, without restarting.</source>
        <translation>La nouvelle langue s&apos;applique aussitôt, sans redémarrer.</translation>
    </message>
    <message>
        <location filename="../../forms/preferences_dialog.ui" line="44"/>
        <source>The history of each activity names you by this name, beside your account (on a team register, the database role; on a file, your user name on this computer).</source>
        <translation>L&apos;historique de chaque activité vous nomme ainsi, à côté de votre compte (sur un registre d&apos;équipe, le rôle de la base de données ; sur un fichier, votre nom d&apos;utilisateur sur cet ordinateur).</translation>
    </message>
</context>
<context>
    <name>ProcessorPane</name>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="199"/>
        <source>No client yet: add the controllers you work for in the “Clients” tab, then pick them here.</source>
        <translation>Aucun client pour l&apos;instant : ajoutez les responsables de traitement pour lesquels vous travaillez dans l&apos;onglet « Clients », puis choisissez-les ici.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="215"/>
        <source>Processing carried out for this client: %1</source>
        <translation>Traitements effectués pour ce client : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="217"/>
        <source>No processing names this client yet: pick it in a processing&apos;s “Clients” table.</source>
        <translation>Aucun traitement ne nomme encore ce client : choisissez-le dans le tableau « Clients » d&apos;un traitement.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="343"/>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="346"/>
        <source>Delete processing</source>
        <translation>Supprimer le traitement</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="347"/>
        <source>Delete the processing “%1”? You can undo this with Ctrl+Z.</source>
        <translation>Supprimer le traitement « %1 » ? Vous pourrez l&apos;annuler avec Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="373"/>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="381"/>
        <source>Delete client</source>
        <translation>Supprimer le client</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="374"/>
        <source>“%1” cannot be deleted: it is the client of %2. Remove it from that processing first.</source>
        <translation>« %1 » ne peut pas être supprimé : c&apos;est le client de %2. Retirez-le d&apos;abord de ce traitement.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="382"/>
        <source>Delete the client “%1”? You can undo this with Ctrl+Z.</source>
        <translation>Supprimer le client « %1 » ? Vous pourrez l&apos;annuler avec Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="392"/>
        <source>Identification</source>
        <translation>Identification</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="392"/>
        <source>Service and notes</source>
        <translation>Prestation et notes</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="395"/>
        <source>Identity of the controller</source>
        <translation>Identité du responsable de traitement</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="395"/>
        <source>Contract (Art. 28) and service</source>
        <translation>Contrat (art. 28) et prestation</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="403"/>
        <source>Processing for clients</source>
        <translation>Traitements pour des clients</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="404"/>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="32"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="405"/>
        <source>General security measures</source>
        <translation>Mesures de sécurité générales</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="406"/>
        <source>+ New</source>
        <translation>+ Nouveau</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="407"/>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="408"/>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="410"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="409"/>
        <source>+ New client</source>
        <translation>+ Nouveau client</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="412"/>
        <source>No processing for clients yet. Click “+ New” to record a category of processing you carry out on behalf of a client (Art. 30(2)).</source>
        <translation>Aucun traitement pour des clients pour l&apos;instant. Cliquez sur « + Nouveau » pour enregistrer une catégorie de traitements effectués pour le compte d&apos;un client (art. 30(2)).</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="416"/>
        <source>No client yet. Click “+ New client” to record a controller you process data for.</source>
        <translation>Aucun client pour l&apos;instant. Cliquez sur « + Nouveau client » pour enregistrer un responsable de traitement pour qui vous traitez des données.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="419"/>
        <source>Select a processing in the list, or create one with “+ New”.</source>
        <translation>Sélectionnez un traitement dans la liste, ou créez-en un avec « + Nouveau ».</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="420"/>
        <source>Select a client in the list, or create one with “+ New client”.</source>
        <translation>Sélectionnez un client dans la liste, ou créez-en un avec « + Nouveau client ».</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/pane.py" line="422"/>
        <source>The general description of the technical and organisational security measures (Art. 32) that applies to the processing you carry out for clients (Art. 30(2)(d)). A processing can add measures of its own. Add a measure with + (or the Insert key).</source>
        <translation>La description générale des mesures de sécurité techniques et organisationnelles (art. 32) qui s&apos;applique aux traitements effectués pour le compte de clients (art. 30(2)(d)). Un traitement peut y ajouter ses propres mesures. Ajoutez une mesure avec + (ou la touche Inser).</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="26"/>
        <source>(unnamed client)</source>
        <translation>(client sans nom)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="38"/>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="57"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="42"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="46"/>
        <source>Contract</source>
        <translation>Contrat</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="50"/>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/records.py" line="54"/>
        <source>Processing</source>
        <translation>Traitements</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ropa_desktop/gui/qt_strings.py" line="11"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/qt_strings.py" line="12"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/qt_strings.py" line="13"/>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/qt_strings.py" line="9"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/qt_strings.py" line="10"/>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type&#xa0;:</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <location filename="../../ropa_desktop/gui/jobs.py" line="123"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/dialogs/recipients.py" line="94"/>
        <source>Used by %n activity(ies): </source>
        <translation>
            <numerusform>Utilisé par %n activité : </numerusform>
            <numerusform>Utilisé par %n activités : </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/recipients.py" line="96"/>
        <source>Not used by any activity.</source>
        <translation>Utilisé par aucune activité.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/recipients.py" line="127"/>
        <source>Recipients catalogue</source>
        <translation>Catalogue des destinataires</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/dialogs/recipients.py" line="130"/>
        <source>Recipients are shared by all the organisation&apos;s activities: a change here shows in every activity that uses the recipient.</source>
        <translation>Les destinataires sont partagés par toutes les activités de l&apos;organisme : une modification faite ici s&apos;applique à chaque activité qui les utilise.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../ropa_desktop/gui/processor/record_form.py" line="198"/>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
</context>
<context>
    <name>RecordListPane</name>
    <message>
        <location filename="../../ropa_desktop/gui/processor/record_list.py" line="291"/>
        <source>Nothing matches the filter.</source>
        <translation>Rien ne correspond au filtre.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/record_list.py" line="310"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/record_list.py" line="314"/>
        <source>With findings</source>
        <translation>Avec constats</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/record_list.py" line="315"/>
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
</context>
<context>
    <name>RegisterLoader</name>
    <message>
        <location filename="../../ropa_desktop/gui/register_loading.py" line="75"/>
        <source>Loading the register…</source>
        <translation>Chargement du registre…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/register_loading.py" line="76"/>
        <source>The list and the selected activity can be read meanwhile; editing, checks, import and export wait until the whole register is read.</source>
        <translation>La liste et l’activité sélectionnée se consultent dès maintenant ; la modification, les contrôles, l’import et l’export attendent que tout le registre soit lu.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/register_loading.py" line="112"/>
        <source>The register could not be read whole</source>
        <translation>Le registre n’a pas pu être lu en entier</translation>
    </message>
</context>
<context>
    <name>RegisterStatus</name>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="51"/>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="105"/>
        <source>Register file</source>
        <translation>Fichier du registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="56"/>
        <source>Team register %1 — %2</source>
        <translation>Registre d&apos;équipe %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="58"/>
        <source>A register shared on a server: others&apos; changes appear here live</source>
        <translation>Un registre partagé sur un serveur : les modifications des autres s&apos;affichent ici en direct</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="70"/>
        <source>Saved as soon as the server is back; nothing typed is lost.</source>
        <translation>Enregistrées dès le retour du serveur ; rien de ce qui a été saisi n&apos;est perdu.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="77"/>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="109"/>
        <source>Every change is written to the register file as soon as it is made.</source>
        <translation>Chaque modification est écrite dans le fichier du registre dès qu’elle est faite.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="83"/>
        <source>Saved (%1)</source>
        <translation>Enregistré (%1)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="90"/>
        <source>%1 of %2 processing for clients</source>
        <translation>Traitements pour des clients : %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="97"/>
        <source>%1 of %2 activities</source>
        <translation>%1 activités sur %2</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="100"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/status_bar.py" line="102"/>
        <source>Show the findings (F8)</source>
        <translation>Afficher les constats (F8)</translation>
    </message>
</context>
<context>
    <name>SectionOutline</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/form/outline.py" line="55"/>
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n constat</numerusform>
            <numerusform>%n constats</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/outline.py" line="55"/>
        <source>No finding</source>
        <translation>Aucun constat</translation>
    </message>
</context>
<context>
    <name>StatementActions</name>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="49"/>
        <source>Export statement for this client…</source>
        <translation>Exporter la déclaration pour ce client…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="51"/>
        <source>What you do for the selected client (Art. 28(3)(h)): a PDF for people and a JSON its controller imports into its register</source>
        <translation>Ce que vous faites pour le client sélectionné (art. 28(3)(h)) : un PDF à lire et un JSON que le responsable de traitement importe dans son registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="57"/>
        <source>Import a processor&apos;s statement…</source>
        <translation>Importer la déclaration d&apos;un sous-traitant…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="59"/>
        <source>Bring a processor&apos;s statement (JSON) into the recipients catalogue, reviewed</source>
        <translation>Reporter la déclaration d&apos;un sous-traitant (JSON) dans le catalogue des destinataires, après revue</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="64"/>
        <source>Export statement…</source>
        <translation>Exporter la déclaration…</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="80"/>
        <source>Export statement for this client</source>
        <translation>Exporter la déclaration pour ce client</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="82"/>
        <source>statement</source>
        <comment>default file name</comment>
        <translation>declaration-sous-traitant</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="88"/>
        <source>Statement as PDF, with its JSON beside it (*.pdf);;Statement as JSON, with its PDF beside it (*.json)</source>
        <translation>Déclaration en PDF, avec son JSON à côté (*.pdf);;Déclaration en JSON, avec son PDF à côté (*.json)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="101"/>
        <source>The statement was not written: %1</source>
        <translation>La déclaration n&apos;a pas été écrite : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="106"/>
        <source>Statement written: %1 and %2</source>
        <translation>Déclaration écrite : %1 et %2</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="111"/>
        <source>Warnings:</source>
        <translation>Avertissements :</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="123"/>
        <source>Import a processor&apos;s statement</source>
        <translation>Importer la déclaration d&apos;un sous-traitant</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/processor/statement_actions.py" line="125"/>
        <source>Processor statements (*.json);;All files (*)</source>
        <translation>Déclarations de sous-traitant (*.json);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>SubListEditor</name>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="148"/>
        <source>Add a row (Insert)</source>
        <translation>Ajouter une ligne (Inser)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="149"/>
        <source>Remove the selected row (Del)</source>
        <translation>Supprimer la ligne sélectionnée (Suppr)</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="150"/>
        <source>Move the selected row up</source>
        <translation>Monter la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="151"/>
        <source>Move the selected row down</source>
        <translation>Descendre la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="153"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="154"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="155"/>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/form/sublist_editor.py" line="156"/>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="59"/>
        <source>someone else</source>
        <translation>quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="105"/>
        <source>Access withdrawn</source>
        <translation>Accès retiré</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="106"/>
        <source>Your access to “%1” was withdrawn while you were editing “%2”: your role can no longer see it, so nothing was saved (the activity itself was not deleted). Ask the register&apos;s administrator. What you typed:

%3</source>
        <translation>Votre accès à « %1 » a été retiré pendant que vous modifiiez « %2 » : votre rôle ne la voit plus, rien n&apos;a donc été enregistré (l&apos;activité elle-même n&apos;a pas été supprimée). Adressez-vous à l&apos;administrateur du registre. Ce que vous avez saisi :

%3</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/roles.py" line="15"/>
        <source>editor</source>
        <translation>rédacteur</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/roles.py" line="16"/>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/roles.py" line="18"/>
        <source>reader</source>
        <translation>lecteur</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/roles.py" line="28"/>
        <source>Read-only: your role %1 may read this team register, not change it (ask its administrator).</source>
        <translation>Lecture seule : votre rôle %1 peut lire ce registre d&apos;équipe, pas le modifier (demandez à son administrateur).</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/pending.py" line="141"/>
        <source>Someone else changed this record</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cette fiche</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/deleted.py" line="52"/>
        <source>Someone else deleted “%1”: your edit of it was not saved</source>
        <translation>Quelqu&apos;un d&apos;autre a supprimé « %1 » : votre modification n&apos;a pas été enregistrée</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/deleted.py" line="56"/>
        <source>Record deleted meanwhile</source>
        <translation>Fiche supprimée entre-temps</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/deleted.py" line="57"/>
        <source>Someone else deleted “%1” while your edit waited to be saved, so it was not saved. What you typed:

%2</source>
        <translation>Quelqu&apos;un d&apos;autre a supprimé « %1 » pendant que votre modification attendait d&apos;être enregistrée : elle ne l&apos;a donc pas été. Ce que vous avez saisi :

%2</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/deleted.py" line="62"/>
        <source>Copy what I typed</source>
        <translation>Copier ce que j&apos;ai saisi</translation>
    </message>
</context>
<context>
    <name>TeamLink</name>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="134"/>
        <source>someone</source>
        <translation>quelqu’un</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="211"/>
        <source>Someone else changed this field while you were in it: what you type is compared with their value when you leave it; leave it untouched to see theirs.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié ce champ pendant que vous y étiez : ce que vous saisissez sera comparé à sa valeur quand vous le quitterez ; quittez-le sans rien saisir pour voir la sienne.</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="214"/>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="231"/>
        <source>Changed while the server was away: %1</source>
        <translation>Modifié pendant l&apos;absence du serveur : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="232"/>
        <source>The register changed while the server was away</source>
        <translation>Le registre a été modifié pendant l&apos;absence du serveur</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="234"/>
        <source>The register changed while it was opening: %1</source>
        <translation>Le registre a changé pendant son ouverture : %1</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="235"/>
        <source>The register changed while it was opening</source>
        <translation>Le registre a changé pendant son ouverture</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="237"/>
        <source>%1 changed the register</source>
        <translation>%1 a modifié le registre</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="239"/>
        <source>%1 deleted %2</source>
        <translation>%1 a supprimé %2</translation>
    </message>
    <message>
        <location filename="../../ropa_desktop/gui/team/live.py" line="240"/>
        <source>%1 changed %2</source>
        <translation>%1 a modifié %2</translation>
    </message>
</context>
</TS>
