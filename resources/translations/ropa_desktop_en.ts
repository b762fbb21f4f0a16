<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>ConflictReviewDialog</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/team/conflict.py" line="48"/>
        <source>%n field(s) were changed both by you and by someone else since you opened this activity. Ticked: your value is saved; unticked: theirs is kept. Your other changes are saved as they are.</source>
        <translation>
            <numerusform>%n field was changed both by you and by someone else since you opened this activity. Ticked: your value is saved; unticked: theirs is kept. Your other changes are saved as they are.</numerusform>
            <numerusform>%n fields were changed both by you and by someone else since you opened this activity. Ticked: your value is saved; unticked: theirs is kept. Your other changes are saved as they are.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="85"/>
        <source>%n change(s) recorded in the register&apos;s audit log, newest first.</source>
        <translation>
            <numerusform>%n change recorded in the register&apos;s audit log.</numerusform>
            <numerusform>%n changes recorded in the register&apos;s audit log, newest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/history_dialog.py" line="97"/>
        <source>changed %n field(s)</source>
        <translation>
            <numerusform>changed %n field</numerusform>
            <numerusform>changed %n fields</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReviewDialog</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/import_review.py" line="340"/>
        <source>%n activity(ies)</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/import_review.py" line="368"/>
        <source>%n change(s) found in the file</source>
        <translation>
            <numerusform>%n change found in the file</numerusform>
            <numerusform>%n changes found in the file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/import_review.py" line="370"/>
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="14"/>
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
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
            <numerusform>%n edit waiting for the server</numerusform>
            <numerusform>%n edits waiting for the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="23"/>
        <source>Findings (%n)</source>
        <translation>
            <numerusform>Findings (%n)</numerusform>
            <numerusform>Findings (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="26"/>
        <source>Errors (%n)</source>
        <translation>
            <numerusform>Errors (%n)</numerusform>
            <numerusform>Errors (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="29"/>
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>Warnings (%n)</numerusform>
            <numerusform>Warnings (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="32"/>
        <source>Information (%n)</source>
        <translation>
            <numerusform>Information (%n)</numerusform>
            <numerusform>Information (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="35"/>
        <source>Import (%n change(s))</source>
        <translation>
            <numerusform>Import (%n change)</numerusform>
            <numerusform>Import (%n changes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="38"/>
        <source>%n change(s) applied.</source>
        <translation>
            <numerusform>%n change applied.</numerusform>
            <numerusform>%n changes applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="41"/>
        <source>Activities added or changed (%n):</source>
        <translation>
            <numerusform>Activity added or changed (%n):</numerusform>
            <numerusform>Activities added or changed (%n):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="45"/>
        <source>It goes with %n activity(ies)</source>
        <translation>
            <numerusform>It goes with %n activity</numerusform>
            <numerusform>It goes with %n activities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/plurals.py" line="47"/>
        <source>and %n recipient(s) of its catalogue.</source>
        <translation>
            <numerusform>and %n recipient of its catalogue.</numerusform>
            <numerusform>and %n recipients of its catalogue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/dialogs/recipients.py" line="94"/>
        <source>Used by %n activity(ies): </source>
        <translation>
            <numerusform>Used by %n activity: </numerusform>
            <numerusform>Used by %n activities: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SectionOutline</name>
    <message numerus="yes">
        <location filename="../../ropa_desktop/gui/form/outline.py" line="55"/>
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
</TS>
